import { parquetFormat } from '../server/connectors/formats/parquet.js';
import { LocalStore } from '../test/helpers/local-store.js';
const store = new LocalStore('/tmp/pqb');
const object = await store.object('one.parquet');
const cols = (process.env.COLS ?? 'id,name,amount,active,day,ts').split(',');
let rows = 0, n = 0, peak = { rss: 0, heap: 0, ab: 0 };
const mb = (x: number) => Math.round(x / 1048576);
for await (const b of parquetFormat.read(store, object, { columns: cols, types: {}, batchSize: 10000, maxDecompressedBytes: 1e12 })) {
  rows += b.columns!.length;
  if (++n % 20 === 0) { const m = process.memoryUsage(); peak.rss = Math.max(peak.rss, m.rss); peak.heap = Math.max(peak.heap, m.heapUsed); peak.ab = Math.max(peak.ab, m.arrayBuffers); }
}
console.log(cols.join(','), rows, 'peak rss', mb(peak.rss), 'heap', mb(peak.heap), 'arrayBuffers', mb(peak.ab), 'maxRSS', mb(process.resourceUsage().maxRSS * 1024));
