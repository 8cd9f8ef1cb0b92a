// Shared plumbing for CLI commands: open the configured database (migrated, regions seeded), run,
// close; turn domain errors into a Chinese message and a non-zero exit code.
import { loadConfig, type AppConfig } from '../config/env.ts';
import { type Database, migrateDatabase, openDatabase } from '../db/client.ts';
import { seedRegions } from '../db/seed/seed.ts';
import { DomainError } from '../domain/errors.ts';

export async function openConfiguredDatabase(config: AppConfig = loadConfig()): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  await seedRegions(database.db);
  return database;
}

export async function withDatabase<T>(fn: (database: Database, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    return await fn(database, config);
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
    return e.code === 'INVALID' ? 2 : 1;
  }
  console.error(`错误:${e instanceof Error ? e.message : String(e)}`);
  return 1;
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
