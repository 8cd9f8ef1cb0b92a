import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { type AppConfig, businessDate, loadConfig } from '../../config/env.ts';
import { LocalFileStore } from '../../io/file-store.ts';
import { closePublicityPeriods } from '../../use-cases/publicity/close-due-batches.ts';
import { chainPendingAudit } from '../../db/repositories/audit-repository.ts';
import { checkpointAuditLog } from '../../use-cases/audit/checkpoint-audit-log.ts';
import { hasAnyUser } from '../../db/repositories/user-repository.ts';
import { DEMO_ACCOUNTS, DEMO_BUSINESS_DATE, DEMO_PASSWORD, seedDemo } from '../../db/seed/seed.ts';
import { buildApp } from '../../server/app.ts';
import { serverLogStream } from '../../server/log-stream.ts';
import { action, openConfiguredDatabase } from '../run.ts';

/**
 * A new embedded database is created, migrated and seeded by `zgsz db seed` in a child process:
 * PGlite's WASM heap never shrinks and the allocator keeps what initdb, the migrations and the seed
 * used, so doing it here would leave the server about 50 MB larger for good (docs/ARCHITECTURE.md).
 */
async function seedNewEmbeddedDatabase(config: AppConfig): Promise<boolean> {
  const cli = fileURLToPath(new URL('../../../bin/zgsz.js', import.meta.url));
  const env = { ...process.env, ZGSZ_BUSINESS_DATE: businessDate(config) };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'db', 'seed'], { env, maxBuffer: 16 * 1024 * 1024 });
    if (stderr) process.stderr.write(stderr); // the audit key file created on a first start
    return stdout.includes('已写入演示数据');
  } catch (e) {
    throw new Error(`写入演示数据失败 (demo seed failed): ${(e as { stderr?: string }).stderr?.trim() ?? String(e)}`, { cause: e });
  }
}

const FIRST_ADMIN_HINT = [
  '  数据库中还没有账号。创建第一个市级管理员(密码从环境变量或标准输入读取,不会显示或打印):',
  '    ZGSZ_PASSWORD=\'<密码>\' npx zgsz user create admin --role city_admin --name 管理员',
  '  (no accounts yet: create the first administrator with `zgsz user create`; the password comes from ZGSZ_PASSWORD or stdin)',
].join('\n');

export function register(program: Command): void {
  program.command('serve')
    .description('启动 Web 服务与 API (start the web app and API)')
    .option('--demo', '数据库为空时写入演示数据 (seed demo data into an empty database)')
    .action(action(async (opts: { demo?: boolean }) => {
      const config = loadConfig();
      // Both policy texts have expired; a demo runs on a business date inside both windows
      // (扬州 2022-02-24…2025-02-23, 苏州 2021-01-01…2023-12-31), shown on every page as 演示日期.
      if (opts.demo && !config.businessDate) config.businessDate = DEMO_BUSINESS_DATE;
      const seededApart = opts.demo && !config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION')) && (await seedNewEmbeddedDatabase(config));
      const database = await openConfiguredDatabase(config);
      if (seededApart || (opts.demo && await seedDemo(database.db, undefined, { files: new LocalFileStore(config.filesDir), today: businessDate(config) }))) {
        console.log('已写入演示数据 (demo data seeded)');
      }
      const stream = serverLogStream();
      const app = await buildApp({ database, config, logger: stream ? { stream } : true, demo: !!opts.demo });
      // Audit entries of a bulk write whose chaining was cut short (a crash, a stopped instance)
      // are linked by whichever instance gets to them first; the head lock keeps them in order.
      let chaining: Promise<unknown> | null = null;
      const chain = () => (chaining ??= chainPendingAudit(database.db)
        .catch((e: unknown) => app.log.error({ err: e }, 'chaining pending audit entries failed'))
        .finally(() => { chaining = null; }));
      // 公示 periods close by themselves: any instance may run the (idempotent) job.
      const close = () => closePublicityPeriods(database.db, businessDate(config)).catch((e: unknown) => app.log.error({ err: e }, 'closing 公示 periods failed'));
      await chain();
      await close();
      // A signed checkpoint of the chain head goes to the checkpoint file and the server log whenever
      // the chain has grown (at most every ZGSZ_AUDIT_CHECKPOINT_SECONDS), and once more on shutdown.
      let checkpointedAt: number | null = null;
      let checkpointing: Promise<unknown> | null = null;
      const checkpoint = () => (checkpointing ??= checkpointAuditLog(database.db, { file: config.auditCheckpointFile, now: new Date(), unlessAt: checkpointedAt })
        .then((written) => {
          if (!written) return;
          checkpointedAt = written.seq;
          app.log.info({ auditCheckpoint: JSON.parse(written.line) as unknown }, 'audit checkpoint');
        })
        .catch((e: unknown) => app.log.error({ err: e }, 'writing the audit checkpoint failed'))
        .finally(() => { checkpointing = null; }));
      await checkpoint();
      // Pending audit entries (imports, approvals) are linked within a second; 公示 checked every 30 s.
      let ticks = 0;
      const chainTimer = setInterval(() => {
        void chain();
        if (++ticks % 30 === 0) void close();
        if (ticks % config.auditCheckpointSeconds === 0) void checkpoint();
      }, 1_000);
      chainTimer.unref();
      const stop = async () => {
        clearInterval(chainTimer);
        // After the last request has finished, so the final checkpoint covers its audit entries.
        await app.close();
        await checkpointing;
        await checkpoint();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.listen({ port: config.port, host: config.host });
      const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
      console.log(`\nZGSZ 智改数转平台已启动: ${base}\n  数据库: ${database.kind} (${database.location})\n  API 文档: ${base}/api/v1/docs`);
      // Only a demo prints a password (its accounts' password is public anyway). Otherwise say
      // where the first administrator's comes from: the environment or stdin, never the screen.
      if (opts.demo) console.log(`  演示账号 (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
      else if (!(await hasAnyUser(database.db))) console.log(FIRST_ADMIN_HINT);
    }));
}
