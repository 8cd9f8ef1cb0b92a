// Configuration comes from the environment only, read once, so every entry point (server, CLI,
// tests) sees the same settings. Bad values fail fast with the variable's name.
import { join, resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  passwordMinLength: number;
  passwordMinClasses: number;
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
}

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
  return {
    port: intFromEnv('PORT', 3000, 0, 65535),
    host: process.env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: resolve(process.env.ZGSZ_DATA_DIR || './data'),
    passwordMinLength: intFromEnv('ZGSZ_PASSWORD_MIN_LENGTH', 12, 8, 128),
    passwordMinClasses: intFromEnv('ZGSZ_PASSWORD_MIN_CLASSES', 3, 1, 4),
    secureCookies: process.env.ZGSZ_SECURE_COOKIES === '1',
    logLevel: process.env.LOG_LEVEL || 'info',
    businessDate: dateFromEnv('ZGSZ_BUSINESS_DATE'),
    filesDir: resolve(process.env.ZGSZ_FILES_DIR || join(process.env.ZGSZ_DATA_DIR || './data', 'files')),
    uploadMaxBytes: intFromEnv('ZGSZ_UPLOAD_MAX_MB', 20, 1, 200) * 1024 * 1024,
  };
}
