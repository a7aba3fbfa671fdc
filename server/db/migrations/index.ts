import { Foundation1730000000001 } from './001-foundation.js';
import { Imports1730000000002 } from './002-imports.js';
import { SchemaChanges1730000000003 } from './003-schema-changes.js';
import { HealthProbe1730000000004 } from './004-health-probe.js';
import { Instance1730000000005 } from './005-instance.js';
import { Jobs1730000000006 } from './006-jobs.js';
import { Events1730000000007 } from './007-events.js';
import { ImportRowCount1730000000008 } from './008-import-row-count.js';
import { Routing1730000000009 } from './009-routing.js';
import { AuditLog1730000000010 } from './010-audit-log.js';
import { Alerts1730000000011 } from './011-alerts.js';
import { ListIndexes1730000000012 } from './012-list-indexes.js';
import { Audiences1730000000013 } from './013-audiences.js';
import { AdminDetails1730000000014 } from './014-admin-details.js';
import { SegmentMetadataVersions1730000000015 } from './015-segment-metadata-versions.js';

/** Migrations in order; add new ones at the end, never edit one that has shipped. */
export const migrations = [Foundation1730000000001, Imports1730000000002, SchemaChanges1730000000003, HealthProbe1730000000004, Instance1730000000005, Jobs1730000000006, Events1730000000007, ImportRowCount1730000000008, Routing1730000000009, AuditLog1730000000010, Alerts1730000000011, ListIndexes1730000000012, Audiences1730000000013, AdminDetails1730000000014, SegmentMetadataVersions1730000000015];
