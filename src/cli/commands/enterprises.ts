import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { cliActor } from '../cli-actor.ts';
import { invalid } from '../../domain/errors.ts';
import { exportEnterprises } from '../../use-cases/enterprises/export-enterprises.ts';
import { downloadExportJob } from '../../use-cases/enterprises/download-export-job.ts';
import { getExportJob } from '../../use-cases/enterprises/get-export-job.ts';
import { startExportJob } from '../../use-cases/enterprises/start-export-job.ts';
import { chainPendingAudit } from '../../db/repositories/audit-repository.ts';
import { importEnterprises } from '../../use-cases/enterprises/import-enterprises.ts';
import { getImportJob } from '../../use-cases/enterprises/get-import-job.ts';
import { startImportJob } from '../../use-cases/enterprises/start-import-job.ts';
import { readUpload, uploadLimits } from '../../io/upload-limits.ts';
import { action, JOB_STATE_TEXT, printJson, withDatabase } from '../run.ts';
import { registerEntitlements } from './enterprise-entitlements.ts';

export function register(program: Command): void {
  const ent = program.command('enterprises').description('企业档案 (一企一档) 导入导出 (enterprise file)');
  ent.command('import').argument('<file>', '.xlsx 文件')
    .option('--dry-run', '只校验,不写入 (validate only)')
    .option('--json', 'JSON 输出报告')
    .option('--queue', '排入后台任务,由正在运行的服务实例执行,打印任务号后即返回;用 import-status 查看 (queue for the servers)')
    .description('导入 .xlsx;任一行有误则全部不写入 (import; any bad row writes nothing)')
    .action(action(async (file: string, o: { dryRun?: boolean; json?: boolean; queue?: boolean }) => {
      if (!existsSync(file)) throw invalid('file', `文件 ${file} 不存在`);
      if (o.queue) {
        const job = await withDatabase(async ({ db }, config) => {
          const limits = uploadLimits(config, 'import');
          const content = await readUpload(createReadStream(file), limits);
          return startImportJob(db, cliActor(), content, { dryRun: !!o.dryRun, fileName: basename(file), limits });
        });
        if (o.json) printJson(job);
        else console.log(`已排入导入任务 ${job.id}(${job.dryRun ? '只校验' : '导入'} ${job.fileName}):由服务实例执行;查看进度与报告:zgsz enterprises import-status ${job.id}`);
        return;
      }
      const bar = o.json || !process.stderr.isTTY ? null : new cliProgress.SingleBar({
        format: '导入 [{bar}] {percentage}% | {phase} {rows} 行 | {eta_formatted}', stream: process.stderr,
      }, cliProgress.Presets.shades_classic);
      bar?.start(100, 0, { rows: 0, phase: '校验' });
      const report = await withDatabase(async ({ db }, config) => {
        // The same limits as an upload: a file an officer could not send through the web app is
        // refused here too, before it can exhaust the machine.
        const r = await importEnterprises(db, cliActor(), createReadStream(file), {
          dryRun: !!o.dryRun,
          limits: uploadLimits(config, 'import'),
          onProgress: (p) => bar?.update(Math.round(p.fraction * 100), { rows: p.rows, phase: p.phase === 'check' ? '校验' : '写入' }),
        }).finally(() => bar?.stop());
        // Link the import's audit entries onto the chain before the process exits.
        if (r.committed && !r.dryRun) await chainPendingAudit(db);
        return r;
      });
      if (o.json) printJson(report);
      else {
        console.log(`${report.dryRun ? '[试导入] ' : ''}共 ${report.rows} 行:新建 ${report.created},更新 ${report.updated},未变 ${report.unchanged}`);
        for (const c of report.changes.slice(0, 50)) {
          console.log(`  第${c.row}行 ${c.name}:${c.fields.map((f) => `${f.label} “${f.before}” → “${f.after}”`).join(';')}`);
        }
        if (report.changesTotal > 50) console.log(`  …… 另有 ${report.changesTotal - 50} 家企业的改动,用 --json 查看`);
        if (report.errors.length) {
          console.log(`${report.errorRows} 行共有 ${report.errorsTotal} 处错误,未写入任何数据:`);
          for (const e of report.errors.slice(0, 200)) console.log(`  第${e.row}行 [${e.column}] ${e.message}`);
          if (report.errorsTotal > 200) console.log(`  …… 另有 ${report.errorsTotal - 200} 处${report.errorsTruncated ? `(--json 列出前 ${report.errors.length} 处)` : ',用 --json 查看全部'}`);
        } else if (report.dryRun) console.log('校验通过,未写入(--dry-run)');
      }
      if (report.errors.length) process.exitCode = 2;
    }));
  ent.command('import-status').argument('<job>', '导入任务号 (job id)')
    .option('--json', 'JSON 输出(含完整报告)')
    .description('查看排入后台的导入任务:状态、进度与报告 (a queued import)')
    .action(action(async (id: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      const job = await getImportJob(db, cliActor(), id, true);
      if (o.json) return printJson(job);
      const state = JOB_STATE_TEXT[job.status];
      console.log(`导入任务 ${job.id}  ${job.fileName ?? ''}  ${state}  ${(job.progress.done / 10).toFixed(1)}%  提交人 ${job.createdByName}  第 ${job.attempt} 次执行`);
      if (job.error) console.log(`  ${job.error.message}`);
      const r = job.report;
      if (r) {
        console.log(`  ${r.dryRun ? '[试导入] ' : ''}共 ${r.rows} 行:新建 ${r.created},更新 ${r.updated},未变 ${r.unchanged}${r.committed ? ',已写入' : ',未写入'}`);
        for (const e of r.errors.slice(0, 50)) console.log(`  第${e.row}行 [${e.column}] ${e.message}`);
        if (r.errorsTotal > 50) console.log(`  …… 共 ${r.errorsTotal} 处错误,用 --json 查看`);
      }
      if (job.status === 'failed' || (r && r.errors.length)) process.exitCode = 2;
    })));
  ent.command('export').argument('[file]', '.xlsx 文件(用 --queue 时不需要)')
    .option('--region <regionId>', '只导出一个地区')
    .option('--queue', '排入后台任务,由正在运行的服务实例写出文件,打印任务号后即返回;用 export-status --out 取回 (queue for the servers)')
    .option('--json', 'JSON 输出(--queue 时的任务)')
    .description('导出全部企业档案为 .xlsx (export)')
    .action(action(async (file: string | undefined, o: { region?: string; queue?: boolean; json?: boolean }) => withDatabase(async ({ db }) => {
      if (o.queue) {
        const job = await startExportJob(db, cliActor(), { regionId: o.region });
        if (o.json) printJson(job);
        else console.log(`已排入导出任务 ${job.id}:由服务实例执行;查看进度并取回文件:zgsz enterprises export-status ${job.id} --out 企业档案.xlsx`);
        return;
      }
      if (!file) throw invalid('file', '请给出导出的 .xlsx 文件名,或用 --queue 排入后台任务');
      const out = createWriteStream(file);
      const n = await exportEnterprises(db, cliActor(), out, { regionId: o.region });
      if (!out.writableFinished) await once(out, 'finish');
      console.log(`已导出 ${n} 家企业到 ${file}`);
    })));
  ent.command('export-status').argument('<job>', '导出任务号 (job id)')
    .option('--out <file>', '任务已完成时,把文件写到这里(记入审计日志)')
    .option('--json', 'JSON 输出')
    .description('查看排入后台的导出任务:状态与进度;完成后用 --out 取回文件 (a queued export)')
    .action(action(async (id: string, o: { out?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const job = await getExportJob(db, cliActor(), id);
      if (o.json) printJson(job);
      else {
        const state = JOB_STATE_TEXT[job.status];
        console.log(`导出任务 ${job.id}  ${state}  ${job.progress.done}/${job.progress.total} 家  提交人 ${job.createdByName}  第 ${job.attempt} 次执行`);
        if (job.error) console.log(`  ${job.error.message}`);
        if (job.status === 'done') console.log(`  共 ${job.rows} 家企业,${job.bytes} 字节;文件保留至 ${job.expiresAt}`);
      }
      if (o.out) {
        const file = await downloadExportJob(db, cliActor(), id);
        await pipeline(file.body, createWriteStream(o.out));
        if (!o.json) console.log(`已写出 ${o.out}`);
      }
      if (job.status === 'failed') process.exitCode = 2;
    })));
  registerEntitlements(ent);
}
