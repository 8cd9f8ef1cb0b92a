// Configuration comes from the environment only, read once, so every entry point (server, CLI,
// tests) sees the same settings. Bad values fail fast with the variable's name.
import { join, resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** DATABASE_REPLICA_URL: a read replica the report pages read from (never a decision); undefined: the database. */
  replicaUrl: string | undefined;
  dataDir: string;
  passwordMinLength: number;
  passwordMinClasses: number;
  /** A session ends this many hours after sign-in however active it is (besides the 30-minute idle timeout). */
  sessionMaxHours: number;
  secureCookies: boolean;
  logLevel: string;
  /**
   * The date every rule that reads 'today' uses (policy validity, 公示 periods, application years).
   * Null in production: the real date in China. A demo or training system sets one inside the
   * policies' windows (both texts have expired) and every page shows it as 演示日期.
   */
  businessDate: string | null;
  /** Where uploaded files are stored, by SHA-256. */
  filesDir: string;
  uploadMaxBytes: number;
  /** Bounds on every upload that is parsed (imports, batch matching); README 上传限制. */
  uploads: UploadBounds;
  /** The audit chain's key file, used when ZGSZ_AUDIT_KEY is not set (created on first start). */
  auditKeyFile: string;
  /** The append-only file of signed audit checkpoints, outside the database. */
  auditCheckpointFile: string;
  /** A running server writes a checkpoint at most this often, when the chain has grown. */
  auditCheckpointSeconds: number;
  /** The embedded PGlite's shared_buffers in MB (ZGSZ_PGLITE_SHARED_BUFFERS_MB); unused with DATABASE_URL. */
  pgliteSharedBuffersMb: number;
  /** PostgreSQL: statement texts run as named (prepared) statements, at most (ZGSZ_NAMED_STATEMENTS; 0 for none, e.g. behind an old PgBouncer in transaction mode). */
  namedStatements: number;
  /** PostgreSQL: connections each process keeps at most (ZGSZ_DB_POOL_SIZE); see DB_POOL_SIZE_DEFAULT. */
  dbPoolSize: number;
}

/**
 * What an upload that is parsed may hold. Each bound is checked while the file streams, so a
 * hostile workbook (a zip bomb, millions of shared strings) is refused after a bounded amount of
 * memory and work. The defaults fit the largest real files: a 200,000-row enterprise file saved by
 * Excel holds about 1.6 million distinct texts (about 17 million characters); batch matching reads
 * a population of millions as CSV.
 */
export interface UploadBounds {
  /** Bytes the workbook parts that are read may unpack to (ZGSZ_XLSX_MAX_UNZIPPED_MB). */
  xlsxMaxUnzippedBytes: number;
  /** Rows with content in the sheet of an import (enterprises, counted projects, targets). */
  importMaxRows: number;
  /** Rows of a batch-matching population (CSV or XLSX). */
  batchMaxRows: number;
  maxColumns: number;
  /** Characters in one cell (CSV field or worksheet cell). */
  maxCellChars: number;
  xlsxMaxSharedStrings: number;
  /** Characters of all shared strings together: they are the one part of a workbook held whole. */
  xlsxMaxSharedChars: number;
  /** A batch-matching CSV is streamed, never held: it may be larger than ZGSZ_UPLOAD_MAX_MB. */
  csvMaxBytes: number;
}

const MB = 1024 * 1024;
export const UPLOAD_DEFAULTS: UploadBounds = {
  xlsxMaxUnzippedBytes: 200 * MB,
  importMaxRows: 200_000,
  batchMaxRows: 2_000_000,
  maxColumns: 200,
  maxCellChars: 10_000,
  xlsxMaxSharedStrings: 2_000_000,
  xlsxMaxSharedChars: 30_000_000,
  csvMaxBytes: 200 * MB,
};

/**
 * The embedded database's buffer cache. PGlite's own default (PostgreSQL's 128 MB) is sized for a
 * server; the demo's whole database is a few MB and every page it reads is also in the OS cache, so
 * 16 MB costs nothing measurable in throughput and keeps the WASM heap near its initial 128 MB
 * (docs/ARCHITECTURE.md, 内嵌数据库的内存). The bound keeps it inside PGlite's 2 GB WASM memory.
 */
/** Statement texts run as named statements on PostgreSQL by default (src/db/client.ts statementName). */
export const NAMED_STATEMENTS_DEFAULT = 300;
export const PGLITE_SHARED_BUFFERS_DEFAULT_MB = 16;
export const PGLITE_SHARED_BUFFERS_MAX_MB = 1024;

/**
 * Connections per process. Small on purpose: one Node process has about one core of work to hand
 * PostgreSQL, and every connection a burst opens is a new backend that parses, plans and fills its
 * catalogue caches from cold. Measured here (2 cores, serve --workers 2, a mixed read load rising
 * to 500 requests/s): 10 per process stalled for the whole window while the new backends warmed
 * (p99 1,753 ms), 4 did not (p99 32 ms). Raise it for a database server with many more cores.
 */
export const DB_POOL_SIZE_DEFAULT = 4;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`环境变量 ${name}=${raw} 无效:须为 ${min}–${max} 之间的整数 (invalid ${name})`);
  }
  return n;
}

function dateFromEnv(name: string): string | null {
  const raw = process.env[name];
  if (!raw) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const ok = m && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw);
  if (!ok) throw new Error(`环境变量 ${name}=${raw} 无效:须为 YYYY-MM-DD 格式的真实日期 (invalid ${name})`);
  return raw;
}

/** Today in China (UTC+8), or the configured business date. */
export function businessDate(config: Pick<AppConfig, 'businessDate'>, now = new Date()): string {
  return config.businessDate ?? new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function loadConfig(): AppConfig {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('环境变量 DATABASE_URL 须以 postgres:// 开头 (DATABASE_URL must be a postgres:// URL)');
  }
  const replicaUrl = process.env.DATABASE_REPLICA_URL || undefined;
  if (replicaUrl && !(databaseUrl && /^postgres(ql)?:\/\//.test(replicaUrl))) {
    throw new Error('环境变量 DATABASE_REPLICA_URL 须以 postgres:// 开头,且须同时设置 DATABASE_URL(只读副本只用于 PostgreSQL) (DATABASE_REPLICA_URL must be a postgres:// URL beside DATABASE_URL)');
  }
  return {
    port: intFromEnv('PORT', 3000, 0, 65535),
    host: process.env.HOST || '127.0.0.1',
    databaseUrl,
    replicaUrl,
    dataDir: resolve(process.env.ZGSZ_DATA_DIR || './data'),
    passwordMinLength: intFromEnv('ZGSZ_PASSWORD_MIN_LENGTH', 12, 8, 128),
    passwordMinClasses: intFromEnv('ZGSZ_PASSWORD_MIN_CLASSES', 3, 1, 4),
    sessionMaxHours: intFromEnv('ZGSZ_SESSION_MAX_HOURS', 12, 1, 72),
    secureCookies: process.env.ZGSZ_SECURE_COOKIES === '1',
    logLevel: process.env.LOG_LEVEL || 'info',
    businessDate: dateFromEnv('ZGSZ_BUSINESS_DATE'),
    filesDir: resolve(process.env.ZGSZ_FILES_DIR || join(process.env.ZGSZ_DATA_DIR || './data', 'files')),
    uploadMaxBytes: intFromEnv('ZGSZ_UPLOAD_MAX_MB', 20, 1, 200) * 1024 * 1024,
    uploads: {
      xlsxMaxUnzippedBytes: intFromEnv('ZGSZ_XLSX_MAX_UNZIPPED_MB', UPLOAD_DEFAULTS.xlsxMaxUnzippedBytes / MB, 1, 2000) * MB,
      importMaxRows: intFromEnv('ZGSZ_IMPORT_MAX_ROWS', UPLOAD_DEFAULTS.importMaxRows, 1, 1_048_576),
      batchMaxRows: intFromEnv('ZGSZ_BATCH_MAX_ROWS', UPLOAD_DEFAULTS.batchMaxRows, 1, 20_000_000),
      maxColumns: intFromEnv('ZGSZ_UPLOAD_MAX_COLUMNS', UPLOAD_DEFAULTS.maxColumns, 1, 16_384),
      maxCellChars: intFromEnv('ZGSZ_UPLOAD_MAX_CELL_CHARS', UPLOAD_DEFAULTS.maxCellChars, 1, 32_767),
      xlsxMaxSharedStrings: intFromEnv('ZGSZ_XLSX_MAX_SHARED_STRINGS', UPLOAD_DEFAULTS.xlsxMaxSharedStrings, 1, 20_000_000),
      xlsxMaxSharedChars: intFromEnv('ZGSZ_XLSX_MAX_SHARED_CHARS', UPLOAD_DEFAULTS.xlsxMaxSharedChars, 1, 500_000_000),
      csvMaxBytes: intFromEnv('ZGSZ_CSV_MAX_MB', UPLOAD_DEFAULTS.csvMaxBytes / MB, 1, 2000) * MB,
    },
    auditKeyFile: resolve(process.env.ZGSZ_AUDIT_KEY_FILE || join(process.env.ZGSZ_DATA_DIR || './data', 'audit.key')),
    auditCheckpointFile: resolve(process.env.ZGSZ_AUDIT_CHECKPOINT_FILE || join(process.env.ZGSZ_DATA_DIR || './data', 'audit-checkpoints.log')),
    auditCheckpointSeconds: intFromEnv('ZGSZ_AUDIT_CHECKPOINT_SECONDS', 30, 1, 3600),
    pgliteSharedBuffersMb: intFromEnv('ZGSZ_PGLITE_SHARED_BUFFERS_MB', PGLITE_SHARED_BUFFERS_DEFAULT_MB, 1, PGLITE_SHARED_BUFFERS_MAX_MB),
    namedStatements: intFromEnv('ZGSZ_NAMED_STATEMENTS', NAMED_STATEMENTS_DEFAULT, 0, 10_000),
    dbPoolSize: intFromEnv('ZGSZ_DB_POOL_SIZE', DB_POOL_SIZE_DEFAULT, 1, 100),
  };
}
