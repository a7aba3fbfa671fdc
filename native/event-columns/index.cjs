// Loads the addon built by `npm install` (node-gyp). Without it (no compiler, not built) `addon` is null and the
// Parquet export encodes events in JavaScript instead (server/routing/batch/native-events.ts).
let addon = null;
let error = null;
try {
  addon = require('./build/Release/event_columns.node');
} catch (e) {
  error = e;
}
module.exports = { addon, loadError: error ? String(error.message || error) : null };
