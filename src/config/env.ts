// Configuration comes from the environment only, read once, so every entry point (server, CLI,
// tests) sees the same settings. Bad values fail fast with the variable's name.
import { resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  passwordMinLength: number;
  passwordMinClasses: number;
  secureCookies: boolean;
  logLevel: string;
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
  };
}
