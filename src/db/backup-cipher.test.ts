import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { HEADER_BYTES, OpenStream, SealStream } from './backup-cipher.ts';

const key = randomBytes(32);
const SEGMENT = 1024;
const SEALED_SEGMENT = SEGMENT + 16;

async function run(input: Buffer, transform: NodeJS.ReadWriteStream, chunk = 333): Promise<Buffer> {
  const out: Buffer[] = [];
  const parts = Array.from({ length: Math.ceil(input.length / chunk) }, (_, i) => input.subarray(i * chunk, (i + 1) * chunk));
  await pipeline(Readable.from(parts), transform, new Writable({ write: (c: Buffer, _e, done) => { out.push(c); done(); } }));
  return Buffer.concat(out);
}

const seal = (plain: Buffer) => run(plain, new SealStream(key, SEGMENT));
const open = (sealed: Buffer, k = key) => run(sealed, new OpenStream(k), 700);

/** The sealed segments after the header, each ciphertext + tag. */
const segments = (sealed: Buffer) => {
  const body = sealed.subarray(HEADER_BYTES);
  return Array.from({ length: Math.ceil(body.length / SEALED_SEGMENT) }, (_, i) => body.subarray(i * SEALED_SEGMENT, (i + 1) * SEALED_SEGMENT));
};
const withSegments = (sealed: Buffer, segs: Buffer[]) => Buffer.concat([sealed.subarray(0, HEADER_BYTES), ...segs]);

describe('encrypted backup stream (AES-256-GCM in segments)', () => {
  it('round-trips any length, including none and exact multiples of the segment', async () => {
    for (const n of [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 5000]) {
      const plain = randomBytes(n);
      const sealed = await seal(plain);
      expect(sealed.length).toBe(HEADER_BYTES + n + 16 * Math.max(1, Math.ceil(n / SEGMENT)));
      expect((await open(sealed)).equals(plain)).toBe(true);
    }
  });

  it('does not contain the plaintext, and two files of the same data differ (fresh salt)', async () => {
    const plain = Buffer.from('统一社会信用代码 91321023MA1XXXXXX'.repeat(100));
    const a = await seal(plain);
    const b = await seal(plain);
    expect(a.includes(Buffer.from('91321023MA1'))).toBe(false);
    expect(a.subarray(HEADER_BYTES).equals(b.subarray(HEADER_BYTES))).toBe(false);
  });

  it('refuses a flipped bit anywhere: header, any segment, any tag', async () => {
    const sealed = await seal(randomBytes(4 * SEGMENT + 100));
    // The key id (the last 8 header bytes) is checked first and reported as a wrong key; the rest as damage.
    for (const at of [0, 9, 20, HEADER_BYTES + 5, HEADER_BYTES + SEALED_SEGMENT + 1020, sealed.length - 3, sealed.length - 40]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      await expect(open(bad), `byte ${at}`).rejects.toMatchObject({ code: 'INVALID', field: 'file' });
    }
  });

  it('refuses reordered, dropped, duplicated or appended segments and a cut-off tail', async () => {
    const sealed = await seal(randomBytes(4 * SEGMENT + 100));
    const segs = segments(sealed);
    expect(segs).toHaveLength(5);
    const cases: [string, Buffer][] = [
      ['swapped', withSegments(sealed, [segs[1]!, segs[0]!, ...segs.slice(2)])],
      ['dropped middle', withSegments(sealed, [segs[0]!, ...segs.slice(2)])],
      ['dropped last', withSegments(sealed, segs.slice(0, 4))],
      ['duplicated', withSegments(sealed, [segs[0]!, ...segs])],
      ['appended', Buffer.concat([sealed, Buffer.from('x')])],
      ['cut short', sealed.subarray(0, sealed.length - 10)],
      ['header only', sealed.subarray(0, HEADER_BYTES)],
      ['half a header', sealed.subarray(0, 20)],
    ];
    for (const [what, bad] of cases) {
      await expect(open(bad), what).rejects.toMatchObject({ code: 'INVALID', field: 'file', message: expect.stringContaining('备份文件') });
    }
  });

  it('tells a wrong key apart from damage', async () => {
    const sealed = await seal(randomBytes(100));
    await expect(open(sealed, randomBytes(32))).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('另一把密钥') });
    const damaged = Buffer.from(sealed);
    damaged[HEADER_BYTES + 3]! ^= 0x80;
    await expect(open(damaged)).rejects.toMatchObject({ message: expect.stringContaining('认证标签不符') });
  });

  it('passes on no plaintext of a segment whose tag fails', async () => {
    const plain = randomBytes(3 * SEGMENT);
    const sealed = await seal(plain);
    const bad = Buffer.from(sealed);
    bad[HEADER_BYTES + SEALED_SEGMENT + 7]! ^= 0x01; // the second segment
    const out: Buffer[] = [];
    const opened = pipeline(Readable.from([bad]), new OpenStream(key), new Writable({ write: (c: Buffer, _e, done) => { out.push(c); done(); } }));
    await expect(opened).rejects.toMatchObject({ code: 'INVALID' });
    // Only the first segment, verified, came out.
    expect(Buffer.concat(out).equals(plain.subarray(0, SEGMENT))).toBe(true);
  });
});
