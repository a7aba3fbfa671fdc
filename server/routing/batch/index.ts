// S3 Batch export: the library the routing job kind wires in (exportDay), its row source over the event log, and the
// error classification it throws.
export { exportDay, parseDay, dayLayout, type Manifest } from './export-day.js';
export { BatchExportError, classifyS3Error, type BatchErrorKind } from './errors.js';
export { eventLogRowSource, type EventLogSourceOptions } from './log-source.js';
export * from './types.js';
