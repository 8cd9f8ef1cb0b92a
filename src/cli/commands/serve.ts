import { execFile } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
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
import { openDatabase } from '../../db/client.ts';
import { resolveWorkers, runPrimary, workerSlot } from '../../server/cluster.ts';
import { invalid } from '../../domain/errors.ts';
import { serverLogStream } from '../../server/log-stream.ts';
import { action, openConfiguredDatabase, reportError } from '../run.ts';

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

/** Seconds a stopping instance keeps serving with its health check failing (ZGSZ_DRAIN_SECONDS). */
function drainSeconds(): number {
  const raw = process.env.ZGSZ_DRAIN_SECONDS;
  if (!raw) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > 300) throw invalid('ZGSZ_DRAIN_SECONDS', `ZGSZ_DRAIN_SECONDS 须为 0–300 的整数,收到 "${raw}" (drain seconds must be an integer 0–300)`);
  return Number(raw);
}

function printBanner(config: AppConfig, o: { port: number; kind: string; location: string; demo: boolean; empty: boolean; workers: number }): void {
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${o.port}`;
  const workers = o.workers > 1 ? `\n  工作进程: ${o.workers} (workers)` : '';
  console.log(`\nZGSZ 智改数转平台已启动: ${base}\n  数据库: ${o.kind} (${o.location})${workers}\n  API 文档: ${base}/api/v1/docs`);
  // Only a demo prints a password (its accounts' password is public anyway). Otherwise say
  // where the first administrator's comes from: the environment or stdin, never the screen.
  if (o.demo) console.log(`  演示账号 (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
  else if (o.empty) console.log(FIRST_ADMIN_HINT);
}

/**
 * The primary of `--workers N`: the audit key, migrations and the demo seed happen here once,
 * before any worker opens the database (N processes creating the key file or migrating at once
 * would race), then the workers are forked and the primary only watches them.
 */
async function servePrimary(config: AppConfig, opts: ServeOptions, workers: number): Promise<void> {
  const database = await openConfiguredDatabase(config);
  let empty: boolean;
  try {
    if (opts.demo && await seedDemo(database.db, undefined, { files: new LocalFileStore(config.filesDir), today: businessDate(config) })) {
      console.log('已写入演示数据 (demo data seeded)');
    }
    empty = !(await hasAnyUser(database.db));
  } finally {
    await database.close();
  }
  const code = await runPrimary({
    workers,
    onListening: (port) => printBanner(config, { port, kind: database.kind, location: database.location, demo: !!opts.demo, empty, workers }),
  });
  process.exit(code);
}

/** One instance: a single process, or one worker of `--workers N` (slot 0 owns the checkpoint file). */
async function serveInstance(config: AppConfig, opts: ServeOptions, slot: number | null): Promise<void> {
  const drain = drainSeconds();
  // A worker finds the database prepared (and seeded) by its primary.
  const seededApart = slot === null && opts.demo && !config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION')) && (await seedNewEmbeddedDatabase(config));
  const database = await openConfiguredDatabase(config);
  if (seededApart || (slot === null && opts.demo && await seedDemo(database.db, undefined, { files: new LocalFileStore(config.filesDir), today: businessDate(config) }))) {
    console.log('已写入演示数据 (demo data seeded)');
  }
  const stream = serverLogStream();
  let draining = false;
  // The report pages' replica: opened as it is (migrations come to it from the primary by replication).
  const replica = config.replicaUrl ? await openDatabase({ url: config.replicaUrl, namedStatements: config.namedStatements, poolSize: config.dbPoolSize }) : undefined;
  const app = await buildApp({ database, ...(replica && { replica }), config, logger: stream ? { stream } : true, demo: !!opts.demo, draining: () => draining });
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
  // Safe from any number of instances (one append per line, checkpoints read in any order), but
  // the workers of one machine share one file: only slot 0 writes, or each change would be
  // written N times.
  const checkpoints = slot === null || slot === 0;
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
  if (checkpoints) await checkpoint();
  // Pending audit entries (imports, approvals) are linked within a second; 公示 checked every 30 s.
  let ticks = 0;
  const chainTimer = setInterval(() => {
    void chain();
    if (++ticks % 30 === 0) void close();
    if (checkpoints && ticks % config.auditCheckpointSeconds === 0) void checkpoint();
  }, 1_000);
  chainTimer.unref();
  // Graceful stop: the health check fails first (for ZGSZ_DRAIN_SECONDS, while a balancer notices),
  // then Fastify stops accepting, closes idle keep-alive connections, answers 503 to new requests
  // on busy ones, and waits for the requests (and the job) in flight; only then the database goes.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    draining = true;
    clearInterval(chainTimer);
    if (drain > 0) await new Promise((r) => setTimeout(r, drain * 1000));
    // A connection that finishes its request during close goes idle and would hold the exit until
    // its keep-alive timeout (72 s): close idle ones as they appear.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 250);
    // After the last request has finished, so the final checkpoint covers its audit entries.
    await app.close();
    clearInterval(reaper);
    await chaining;
    await checkpointing;
    if (checkpoints) await checkpoint();
    await replica?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  if (slot !== null) return; // the primary prints the banner once every worker listens
  const { port } = app.server.address() as AddressInfo;
  printBanner(config, { port, kind: database.kind, location: database.location, demo: !!opts.demo, empty: !opts.demo && !(await hasAnyUser(database.db)), workers: 1 });
}

interface ServeOptions { demo?: boolean; workers?: string }

export function register(program: Command): void {
  program.command('serve')
    .description('启动 Web 服务与 API (start the web app and API)')
    .option('--demo', '数据库为空时写入演示数据 (seed demo data into an empty database)')
    .option('--workers <n>', '进程数:PostgreSQL 默认为 CPU 核数,内嵌 PGlite 只能为 1(也可设 ZGSZ_WORKERS) (worker processes: default the number of cores on PostgreSQL, always 1 on PGlite)')
    .action(action(async (opts: ServeOptions) => {
      const config = loadConfig();
      // Both policy texts have expired; a demo runs on a business date inside both windows
      // (扬州 2022-02-24…2025-02-23, 苏州 2021-01-01…2023-12-31), shown on every page as 演示日期.
      if (opts.demo && !config.businessDate) config.businessDate = DEMO_BUSINESS_DATE;
      // A worker that cannot start exits (its IPC channel would keep it alive), so its primary sees it.
      if (cluster.isWorker) return serveInstance(config, opts, workerSlot()).catch((e: unknown) => process.exit(reportError(e)));
      const workers = resolveWorkers({ option: opts.workers, env: process.env.ZGSZ_WORKERS, postgres: !!config.databaseUrl });
      drainSeconds(); // a bad value stops the start here, not in every worker
      return workers > 1 ? servePrimary(config, opts, workers) : serveInstance(config, opts, null);
    }));
}
