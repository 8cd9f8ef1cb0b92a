// `zgsz policies match-file`: 免申即享 over the enterprise file from the command line. The run is
// queued as a job like the web's and run here, at once, by this process (any server instance that
// finds it first may take it instead; the command then waits for it), and a summary is printed.
import type { Command } from 'commander';
import { findJob } from '../../db/repositories/jobs-repository.ts';
import type { FileMatchResult } from '../../domain/policy/file-match.ts';
import { formatCount, formatRange } from '../../domain/policy/format.ts';
import { textTable } from '../../domain/policy/text-table.ts';
import { invalid } from '../../domain/errors.ts';
import { exportFileMatch } from '../../use-cases/file-match/export-file-match.ts';
import { startFileMatch } from '../../use-cases/file-match/start-file-match.ts';
import { drainJobs, workerId } from '../../use-cases/jobs/work-jobs.ts';
import { cliActor } from '../cli-actor.ts';
import { action, printJson, withDatabase } from '../run.ts';

interface Options {
  policy: string; date: string; region?: string; industry?: string; aboveScale?: boolean; chain?: string; certification?: string;
  override?: string[]; json?: boolean; out?: string; quiet?: boolean;
}

function overrides(list: string[] | undefined): Record<string, string> | undefined {
  if (!list?.length) return undefined;
  return Object.fromEntries(list.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw invalid('override', `--override “${item}”须写成 参数名=值`);
    return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
  }));
}

async function matchFile(o: Options): Promise<void> {
  await withDatabase(async ({ db }) => {
    const actor = cliActor();
    const o2 = overrides(o.override);
    const job = await startFileMatch(db, actor, {
      policyId: o.policy, date: o.date, ...(o.region && { regionId: o.region }), ...(o.industry && { industry: o.industry }),
      ...(o.aboveScale !== undefined && { aboveScale: o.aboveScale }), ...(o.chain && { chain: o.chain }), ...(o.certification && { certification: o.certification }),
      ...(o2 && { overrides: o2 }),
    });
    const progress = (done: number, total: number) => { if (!o.quiet && !o.json) process.stderr.write(`\r已读取 ${formatCount(done)} / ${formatCount(total)} 家企业`); };
    await drainJobs(db, workerId(), { id: job.id, onPage: progress });
    let row = await findJob(db, job.id);
    // Another instance claimed it first: wait for that run to finish.
    while (row && (row.status === 'queued' || row.status === 'running')) {
      await new Promise((ok) => setTimeout(ok, 500));
      row = await findJob(db, job.id);
    }
    if (!o.quiet && !o.json) process.stderr.write('\n');
    if (!row || row.status === 'failed') {
      const error = (row?.error ?? { code: 'INVALID', message: '匹配失败' }) as { code: string; message: string; field?: string };
      throw invalid(error.field ?? 'job', error.message);
    }
    const r = row.result as FileMatchResult;
    if (o.out) {
      const { writeFile } = await import('node:fs/promises');
      const { buffer } = await exportFileMatch(db, actor, job.id);
      await writeFile(o.out, buffer);
    }
    if (o.json) return printJson({ job: job.id, ...r });
    console.log(`${r.policy.title}  评估日 ${r.date}(本年度事实取 ${r.year} 年)  任务 ${job.id}`);
    console.log(`企业 ${formatCount(r.enterprises)} 家,符合至少一项 ${formatCount(r.entitled)} 家,合计 ${formatRange(r.total.min, r.total.max)}${r.scenarioTotal ? `;参数覆盖后 ${formatRange(r.scenarioTotal.min, r.scenarioTotal.max)}` : ''}`);
    console.log(textTable(['措施', '条款', '符合', '不符合', '缺少事实', '金额', ...(r.scenarioTotal ? ['覆盖后'] : []), '档案缺少'],
      r.measures.map((m) => [m.title, m.clause, String(m.eligible), String(m.notEligible), String(m.missing), m.eligible ? formatRange(m.min, m.max) : '—',
        ...(r.scenarioTotal ? [m.scenario?.eligible ? formatRange(m.scenario.min, m.scenario.max) : '—'] : []),
        m.missingFacts.map((f) => `需要 ${f.label}(${f.enterprises}家)`).join(';') || '—'])));
    if (o.out) console.log(`结果已导出到 ${o.out}`);
  });
}

/** Adds `match-file` to the `policies` command group. */
export function register(program: Command): void {
  const policies = program.commands.find((c) => c.name() === 'policies') ?? program.command('policies');
  policies.command('match-file').description('免申即享:对已建档企业匹配政策(作为任务运行,打印汇总) (match the enterprise file)')
    .requiredOption('--policy <id>', '政策 id,如 yangzhou-2022-20')
    .requiredOption('--date <date>', '评估日 YYYY-MM-DD')
    .option('--region <id>', '只匹配该县(市、区),如 yz-baoying')
    .option('--industry <code>', '行业代码或前缀,如 C36')
    .option('--above-scale', '只含规上企业')
    .option('--chain <name>', '产业链')
    .option('--certification <kind>', '持有某类认定:integration | cloud | recognition')
    .option('--override <name=value...>', 'what-if 参数覆盖,可重复')
    .option('--out <file.xlsx>', '同时导出 Excel')
    .option('--quiet', '不显示进度')
    .option('--json')
    .action(action(async (o: Options) => matchFile(o)));
}
