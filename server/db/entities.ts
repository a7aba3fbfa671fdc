import { SegmentEntity, SegmentEvaluationEntity } from '../audiences/segment.entity.js';
import { ConnectionEntity, ConnectionStatusEventEntity } from '../connections/connection.entity.js';
import { SchemaRefreshEntity, SourceTableEntity } from '../connections/source-table.entity.js';
import { ImportEntity, ImportRunEntity, ImportUnitEntity } from '../imports/import.entity.js';
import { JobEntity, JobSlotEntity } from '../jobs/job.entity.js';
import { DeliveryEntity, DestinationEntity } from '../routing/delivery.entity.js';
import { AlertStateEntity, NotificationAttemptEntity, NotificationChannelEntity, NotificationDeliveryEntity } from '../notifications/notification.entity.js';
import { SchemaChangeEntity } from '../schema-changes/schema-change.entity.js';
import { AuditEntryEntity } from '../audit/audit.entity.js';
import { ApiKeyEntity, InstanceEntity, WorkspaceEntity } from '../workspaces/workspace.entity.js';

/** Every entity, in one list the data source loads. */
export const entities = [WorkspaceEntity, ApiKeyEntity, ConnectionEntity, ConnectionStatusEventEntity, SourceTableEntity, SchemaRefreshEntity, ImportEntity, ImportRunEntity, ImportUnitEntity, SchemaChangeEntity, InstanceEntity, JobEntity, JobSlotEntity, DeliveryEntity, DestinationEntity, SegmentEntity, SegmentEvaluationEntity, AuditEntryEntity, NotificationChannelEntity, NotificationDeliveryEntity, NotificationAttemptEntity, AlertStateEntity];
