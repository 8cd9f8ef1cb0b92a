// The audit chain's key lives outside the database, so that whoever can write to the database cannot
// also re-seal rows they rewrote. It comes from ZGSZ_AUDIT_KEY (hex or base64, at least 32 bytes) or
// from a key file (ZGSZ_AUDIT_KEY_FILE, default <data dir>/audit.key) that the first start creates
// with mode 0600 — for the embedded database and for PostgreSQL alike. Losing the key does not lose
// the log, but the log can no longer be verified: keep a copy apart from the database backups.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AUDIT_KEY_MIN_BYTES, type AuditKey, auditKey } from '../domain/audit/hash-chain.ts';
import type { AppConfig } from './env.ts';

export interface LoadedAuditKey {
  key: AuditKey;
  /** Where it came from: the environment, an existing key file, or a key file created just now. */
  source: 'environment' | 'file' | 'created';
  file: string | null;
  /** Something the operator should fix (a key file others can read). */
  warning: string | null;
}

/** Hex (an even number of hex digits) or base64 / base64url; at least 32 bytes. */
export function parseAuditKey(text: string, where: string): Uint8Array {
  const t = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) bytes = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) bytes = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (!bytes) throw new Error(`${where} 无效:审计密钥须为十六进制或 base64 编码 (audit key must be hex or base64)`);
  if (bytes.length < AUDIT_KEY_MIN_BYTES) {
    throw new Error(`${where} 无效:审计密钥至少 ${AUDIT_KEY_MIN_BYTES} 字节,现为 ${bytes.length} 字节(可用 openssl rand -hex 32 生成)(audit key must be at least ${AUDIT_KEY_MIN_BYTES} bytes)`);
  }
  return bytes;
}

export function loadAuditKey(config: Pick<AppConfig, 'auditKeyFile'>, env: NodeJS.ProcessEnv = process.env): LoadedAuditKey {
  const fromEnv = env.ZGSZ_AUDIT_KEY;
  if (fromEnv) return { key: auditKey(parseAuditKey(fromEnv, '环境变量 ZGSZ_AUDIT_KEY')), source: 'environment', file: null, warning: null };
  const file = config.auditKeyFile;
  let source: LoadedAuditKey['source'] = 'file';
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a key; two instances starting at once both end up reading the one written.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    source = 'created';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`无法创建审计密钥文件 ${file}:${(e as Error).message}`, { cause: e });
  }
  const key = auditKey(parseAuditKey(readFileSync(file, 'utf8'), `审计密钥文件 ${file}`));
  const mode = statSync(file).mode & 0o777;
  const warning = process.platform !== 'win32' && (mode & 0o077)
    ? `审计密钥文件 ${file} 的权限为 0${mode.toString(8)},其他用户可读;应为 0600 (chmod 600)`
    : null;
  return { key, source, file, warning };
}
