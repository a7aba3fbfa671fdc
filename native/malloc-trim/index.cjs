// Loads the addon built by `npm install` (node-gyp). Without it (no compiler, not built, not glibc) `loaded` is false
// and trim() resolves false at once, so the server runs as before, keeping what glibc keeps.
let addon = null;
let error = null;
try {
  addon = require('./build/Release/malloc_trim.node');
} catch (e) {
  error = e;
}
module.exports = {
  loaded: addon !== null && addon.supported(),
  loadError: error ? String(error.message || error) : null,
  /** malloc_trim(0) on libuv's thread pool: a promise of whether any memory went back to the system. */
  trim: () => (addon ? addon.trim() : Promise.resolve(false)),
};
