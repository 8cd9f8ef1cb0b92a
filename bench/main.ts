// `npm run bench`: every benchmark, printing figures and ratios. Run on an otherwise idle machine.
const only = process.argv.slice(2);
const benches: [string, () => Promise<{ run: () => Promise<void> }>][] = [
  ['policy', () => import('./policy-engine.ts')],
  ['import', () => import('./enterprise-import.ts')],
  ['api', () => import('./api-load.ts')],
  ['login', () => import('./login-during-import.ts')],
  ['approvals', () => import('./approvals.ts')],
  ['plan', () => import('./plan.ts')],
  ['uploads', () => import('./uploads.ts')],
  ['transfer', () => import('./transfer.ts')],
  ['memory', () => import('./memory.ts')],
  ['filematch', () => import('./file-match.ts')],
  ['export', () => import('./enterprise-export.ts')],
  ['batchjob', () => import('./batch-job.ts')],
  ['list', () => import('./enterprise-list.ts')],
  ['reports', () => import('./reports.ts')],
];
for (const [name, load] of benches) {
  if (only.length && !only.includes(name)) continue;
  await (await load()).run();
}
