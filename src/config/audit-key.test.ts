import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAuditKey, parseAuditKey } from './audit-key.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'zgsz-audit-key-'));

describe('the audit key', () => {
  it('is created on first start as 32 random bytes in a 0600 file, and read back on the next', () => {
    const file = join(dir(), 'data', 'audit.key');
    const first = loadAuditKey({ auditKeyFile: file }, {});
    expect(first).toMatchObject({ source: 'created', file, warning: null });
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadAuditKey({ auditKeyFile: file }, {});
    expect(second.source).toBe('file');
    expect(second.key.id).toBe(first.key.id);
    expect(Buffer.from(second.key.bytes).equals(Buffer.from(first.key.bytes))).toBe(true);
  });

  it('comes from ZGSZ_AUDIT_KEY when set (hex or base64), and no file is written', () => {
    const file = join(dir(), 'audit.key');
    const hex = 'ab'.repeat(32);
    const fromHex = loadAuditKey({ auditKeyFile: file }, { ZGSZ_AUDIT_KEY: hex });
    expect(fromHex).toMatchObject({ source: 'environment', file: null });
    expect(() => statSync(file)).toThrow();
    const fromBase64 = loadAuditKey({ auditKeyFile: file }, { ZGSZ_AUDIT_KEY: Buffer.from(hex, 'hex').toString('base64') });
    expect(fromBase64.key.id).toBe(fromHex.key.id);
  });

  it('refuses a short or malformed key, naming where it came from', () => {
    expect(() => parseAuditKey('ab'.repeat(31), '环境变量 ZGSZ_AUDIT_KEY')).toThrow(/ZGSZ_AUDIT_KEY.*至少 32 字节/);
    expect(() => parseAuditKey('not a key!', '环境变量 ZGSZ_AUDIT_KEY')).toThrow(/ZGSZ_AUDIT_KEY.*十六进制或 base64/);
    const file = join(dir(), 'audit.key');
    writeFileSync(file, 'short\n', { mode: 0o600 });
    expect(() => loadAuditKey({ auditKeyFile: file }, {})).toThrow(file);
  });

  it('warns when others can read the key file', () => {
    if (process.platform === 'win32') return;
    const file = join(dir(), 'audit.key');
    writeFileSync(file, `${'cd'.repeat(32)}\n`, { mode: 0o644 });
    expect(loadAuditKey({ auditKeyFile: file }, {}).warning).toMatch(/0644.*0600/);
  });
});
