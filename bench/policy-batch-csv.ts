// The 1,000,000-row CSV batch (`zgsz calc --batch` and POST /batch/upload read a population the
// same way): both policies over one file in one pass, read from disk as a stream. Run by
// policy-engine.ts in a child process of its own, so that the peak RSS it reports is this batch's
// and nothing else's: `node bin/run-ts.js bench/policy-batch-csv.ts FILE.csv` prints one JSON line.
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runScenarios } from '../src/domain/policy/batch.ts';
import { findPolicy } from '../src/domain/policy/find.ts';
import { policyLibrary } from '../src/io/policy-library.ts';
import { readPopulation } from '../src/io/read-population.ts';
import { uploadLimits } from '../src/io/upload-limits.ts';
import { UPLOAD_DEFAULTS } from '../src/config/env.ts';

export const ROWS = 1_000_000;

/**
 * The file of bench/uploads.ts (one enterprise a row, a project on each, half with a diagnosis),
 * with the two facts Suzhou's text also needs: 独立法人 and, for one in eight, a recognition.
 */
export async function writePopulationCsv(path: string, rows = ROWS): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,region,applicant_type,independent_legal_person,diagnosis_factory,recognitions,projects.annual_investment\n');
  const recognitions = ['national_pilot_smart_manufacturing', 'provincial_smart_factory;city_smart_demo_workshop', 'city_excellent_provider', '省级智能工厂'];
  const regions = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling'];
  for (let start = 0; start < rows; start += 10_000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) {
      const recognition = i % 8 === 3 ? recognitions[(i >> 3) % 4] : '';
      lines.push(`91321000MA${String(i).padStart(8, '0')},扬州某某机械制造有限公司${i},${regions[i % 6]},enterprise,${i % 30 ? '是' : '否'},${i % 2 ? '是' : ''},${recognition},${(i % 90) + 10}00万元\n`);
    }
    if (!out.write(lines.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

export interface CsvBatchFigures { ms: number; cpuMs: number; maxRssBytes: number; enterprises: number; entitled: [number, number]; totalMax: [number | null, number | null] }

async function main(file: string): Promise<void> {
  const lib = policyLibrary();
  const policies = [findPolicy(lib, 'yangzhou-2022-20'), findPolicy(lib, 'suzhou-2020')];
  const limits = uploadLimits({ uploadMaxBytes: 20 * 1024 * 1024, uploads: UPLOAD_DEFAULTS }, 'batch-csv');
  const t = performance.now();
  const cpu = process.cpuUsage();
  const [yz, sz] = await runScenarios(policies.map((policy) => ({ policy })), readPopulation(file, lib.facts, { limits }), { date: '2023-06-01' });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const figures: CsvBatchFigures = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    enterprises: yz!.enterprises,
    entitled: [yz!.entitled, sz!.entitled],
    totalMax: [yz!.total.max, sz!.total.max],
  };
  console.log(JSON.stringify(figures));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--write') await writePopulationCsv(process.argv[3]!);
  else await main(process.argv[2]!);
}
