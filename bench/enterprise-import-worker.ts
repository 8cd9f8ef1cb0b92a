// One import run in its own process, so its peak memory (maxRSS) is its own. Prints one JSON line.
import { createReadStream, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../src/db/client.ts';
import { seedRegions } from '../src/db/seed/seed.ts';
import { cliActor } from '../src/cli/cli-actor.ts';
import { importEnterprises } from '../src/use-cases/enterprises/import-enterprises.ts';

const [file, url] = process.argv.slice(2) as [string, string | undefined];
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'zgsz-bench-'));
const database = await openDatabase({ url, dataDir });
await migrateDatabase(database);
await seedRegions(database.db);
const baseline = process.memoryUsage().rss;
let peakHeap = 0;
let peakLiveHeap = 0;
const gc = (globalThis as { gc?: () => void }).gc;
const samples: number[] = [];
const started = performance.now();
let writeStarted = 0;
const report = await importEnterprises(database.db, cliActor(), createReadStream(file), {
  onProgress: (p) => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    if (p.phase === 'write' && !writeStarted) writeStarted = performance.now();
    if (p.rows % 20_000 === 0) samples.push(Math.round(m.rss / 2 ** 20));
    // heapUsed between collections is mostly garbage, and how much V8 lets pile up grows with a
    // long run; what the import holds is the heap right after a collection (run with --expose-gc).
    if (gc && p.rows % 10_000 === 0) {
      gc();
      peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
    }
  },
});
const seconds = (performance.now() - started) / 1000;
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({
  rows: report.rows, created: report.created, errors: report.errors.length, seconds,
  // The check (parse and validate, no database) and the write (COPY, compare, merge, audit) apart.
  checkSeconds: ((writeStarted || performance.now()) - started) / 1000,
  fileMB: statSync(file).size / 2 ** 20, baselineRssMB: baseline / 2 ** 20,
  maxRssMB: process.resourceUsage().maxRSS / 1024, peakHeapMB: peakHeap / 2 ** 20, peakLiveHeapMB: peakLiveHeap / 2 ** 20, rssSamplesMB: samples,
}));
