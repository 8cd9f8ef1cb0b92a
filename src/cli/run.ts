// Shared plumbing for CLI commands: open the configured database (migrated, regions seeded), run,
// close; turn domain errors into a Chinese message and a non-zero exit code.
import { loadAuditKey } from '../config/audit-key.ts';
import { loadConfig, type AppConfig } from '../config/env.ts';
import { type Database, migrateDatabase, openDatabase } from '../db/client.ts';
import { readAuditHead, setAuditKey } from '../db/repositories/audit-repository.ts';
import { seedRegions } from '../db/seed/seed.ts';
import { DomainError } from '../domain/errors.ts';
import { checkpointAuditLog } from '../use-cases/audit/checkpoint-audit-log.ts';
import { redactedMessage } from '../lib/log-redact.ts';

export async function openConfiguredDatabase(config: AppConfig = loadConfig()): Promise<Database> {
  // The audit key first: a bad ZGSZ_AUDIT_KEY stops the start before anything is written.
  const audit = loadAuditKey(config);
  setAuditKey(audit.key);
  if (audit.source === 'created') console.error(`已创建审计密钥文件 ${audit.file}(权限 0600):请与数据库备份分开另存一份,丢失后审计日志将无法校验 (audit key created)`);
  if (audit.warning) console.error(`警告:${audit.warning}`);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, pgliteSharedBuffersMb: config.pgliteSharedBuffersMb, namedStatements: config.namedStatements, poolSize: config.dbPoolSize });
  await migrateDatabase(database);
  await seedRegions(database.db);
  return database;
}

export async function withDatabase<T>(fn: (database: Database, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const startedAt = (await readAuditHead(database.db))?.seq ?? null;
    const result = await fn(database, config);
    // A command that appended to the audit log leaves a signed checkpoint outside the database.
    await checkpointAuditLog(database.db, { file: config.auditCheckpointFile, now: new Date(), unlessAt: startedAt })
      .catch((e: unknown) => console.error(`警告:未能写入审计检查点 ${config.auditCheckpointFile}:${e instanceof Error ? e.message : String(e)}`));
    return result;
  } finally {
    await database.close();
  }
}

/** Wraps a command action: prints errors the way an operator can act on, sets the exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      process.exitCode = reportError(e);
    }
  };
}

export function reportError(e: unknown): number {
  if (e instanceof DomainError) {
    console.error(`错误 [${e.code}]${e.field ? ` 字段 ${e.field}` : ''}:${e.message}`);
    if (Array.isArray(e.details)) {
      for (const d of e.details.slice(0, 50) as { field?: string; message?: string }[]) console.error(`  - ${d.field ?? ''}: ${d.message ?? ''}`);
    }
    return e.code === 'INVALID' || e.code === 'TOO_LARGE' ? 2 : 1;
  }
  // A failed statement's message holds its parameter values (a password hash, personal data).
  console.error(`错误:${e instanceof Error ? redactedMessage(e) : String(e)}`);
  return 1;
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** A background job's state as the commands that follow one print it. */
export const JOB_STATE_TEXT = { queued: '排队中', running: '执行中', done: '已完成', failed: '失败' } as const;
