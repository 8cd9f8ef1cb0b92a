// The backup key: backups leave the database server (copied to other disks, other sites), so they are
// encrypted with a key that does not travel with them. ZGSZ_BACKUP_KEY holds 32 bytes as 64 hex
// digits or base64 (`openssl rand -hex 32`); keep it apart from the backups and the audit key.

export const BACKUP_KEY_BYTES = 32;

/** The key from ZGSZ_BACKUP_KEY, or null when it is not set; a malformed value is an error naming the variable. */
export function loadBackupKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const raw = env.ZGSZ_BACKUP_KEY?.trim();
  if (!raw) return null;
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(raw) && raw.length % 2 === 0) bytes = Buffer.from(raw, 'hex');
  else if (/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) bytes = Buffer.from(raw, 'base64');
  else if (/^[A-Za-z0-9_-]+$/.test(raw)) bytes = Buffer.from(raw, 'base64url');
  if (!bytes || bytes.length !== BACKUP_KEY_BYTES) {
    throw new Error(`环境变量 ZGSZ_BACKUP_KEY 无效:须为 ${BACKUP_KEY_BYTES} 字节的密钥,写作 64 位十六进制或 base64`
      + `${bytes ? `(现为 ${bytes.length} 字节)` : ''};可用 openssl rand -hex 32 生成 (ZGSZ_BACKUP_KEY must be 32 bytes, hex or base64)`);
  }
  return bytes;
}
