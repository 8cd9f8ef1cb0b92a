// The encrypted backup file: AES-256-GCM over the gzipped NDJSON, in segments so that it streams in
// both directions with flat memory and every byte is authenticated before it is used.
//
//   header   "ZGSZBKUP" | version (1 byte) | segment size (uint32 BE) | salt (32 bytes) | key id (8 bytes)
//   segments ciphertext | tag (16 bytes), each segment `segment size` bytes of plaintext but the last (0…size)
//
// The file key is HKDF-SHA256(ZGSZ_BACKUP_KEY, salt); a fresh random salt per file makes the
// per-segment nonces (segment counter | 1 on the last segment) unique under it. Every segment
// authenticates the header (as additional data), its position and whether it is the last, so a
// changed byte, a reordered, dropped or appended segment, a cut-off tail or a changed header fails
// its tag. The key id (an HMAC of a fixed label under the key) tells a wrong key apart from damage.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { invalid } from '../domain/errors.ts';

export const MAGIC = Buffer.from('ZGSZBKUP', 'latin1');
const VERSION = 1;
const SALT_BYTES = 32;
const KEY_ID_BYTES = 8;
const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + 4 + SALT_BYTES + KEY_ID_BYTES;
const DEFAULT_SEGMENT = 64 * 1024;
const MAX_SEGMENT = 16 * 1024 * 1024;

const keyId = (key: Buffer) => createHmac('sha256', key).update('zgsz backup key id').digest().subarray(0, KEY_ID_BYTES);
const fileKey = (key: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', key, salt, 'zgsz backup v1 aes-256-gcm', 32));

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Does the file start like an encrypted backup? (A plain one starts with gzip's 1f 8b.) */
export const isSealed = (start: Buffer) => start.length >= MAGIC.length && start.subarray(0, MAGIC.length).equals(MAGIC);

/** Concatenated chunks with cheap appends and takes from the front. */
class Pending {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer) { this.chunks.push(b); this.length += b.length; }
  take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.length = all.length - n;
    return all.subarray(0, n);
  }
}

/** Encrypts what is written to it into the backup file format. */
export class SealStream extends Transform {
  private readonly header: Buffer;
  private readonly key: Buffer;
  private readonly pending = new Pending();
  private index = 0;

  constructor(masterKey: Buffer, private readonly segment = DEFAULT_SEGMENT) {
    super();
    const salt = randomBytes(SALT_BYTES);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(segment);
    this.header = Buffer.concat([MAGIC, Buffer.of(VERSION), size, salt, keyId(masterKey)]);
    this.key = fileKey(masterKey, salt);
    this.push(this.header);
  }

  private seal(plain: Buffer, last: boolean) {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index++, last));
    cipher.setAAD(this.header);
    this.push(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.pending.push(chunk);
    // Strictly more than a segment: the last segment is only known at the end.
    while (this.pending.length > this.segment) this.seal(this.pending.take(this.segment), false);
    done();
  }

  override _flush(done: TransformCallback) {
    this.seal(this.pending.take(this.pending.length), true);
    done();
  }
}

const damaged = (what: string) => invalid('file', `备份文件校验失败:${what}。文件已被改动、损坏或不完整,未恢复任何数据 (backup authentication failed)`);

/**
 * Decrypts a backup file, passing on each segment's plaintext only after its tag has been verified;
 * it fails (DomainError INVALID on `file`) at the first segment that does not verify, and at the end
 * if the last segment is missing.
 */
export class OpenStream extends Transform {
  private readonly pending = new Pending();
  private header: Buffer | null = null;
  private key: Buffer | null = null;
  private segment = 0;
  private index = 0;

  constructor(private readonly masterKey: Buffer) {
    super();
  }

  private readHeader() {
    const h = this.pending.take(HEADER_BYTES);
    if (!isSealed(h)) throw invalid('file', '不是加密的 zgsz 备份文件 (not an encrypted zgsz backup)');
    if (h[MAGIC.length] !== VERSION) throw invalid('file', `备份文件的加密格式版本 ${h[MAGIC.length]} 不受支持,请用较新的程序恢复`);
    this.segment = h.readUInt32BE(MAGIC.length + 1);
    if (this.segment < 1 || this.segment > MAX_SEGMENT) throw damaged('文件头中的分段大小无效');
    const salt = h.subarray(MAGIC.length + 5, MAGIC.length + 5 + SALT_BYTES);
    const id = h.subarray(HEADER_BYTES - KEY_ID_BYTES);
    if (!timingSafeEqual(id, keyId(this.masterKey))) {
      throw invalid('file', '备份文件是用另一把密钥加密的:ZGSZ_BACKUP_KEY 与备份时不同,未恢复任何数据 (wrong backup key)');
    }
    this.header = Buffer.from(h);
    this.key = fileKey(this.masterKey, salt);
  }

  private open(sealed: Buffer, last: boolean) {
    const at = this.index++;
    const decipher = createDecipheriv('aes-256-gcm', this.key!, nonce(at, last));
    decipher.setAAD(this.header!);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    try {
      decipher.final();
    } catch {
      throw damaged(`第 ${at + 1} 段的认证标签不符`);
    }
    this.push(plain);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      this.pending.push(chunk);
      if (!this.header && this.pending.length >= HEADER_BYTES) this.readHeader();
      // A segment followed by more bytes is not the last one.
      while (this.header && this.pending.length > this.segment + TAG_BYTES) this.open(this.pending.take(this.segment + TAG_BYTES), false);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback) {
    try {
      if (!this.header) {
        const start = this.pending.take(this.pending.length);
        const n = Math.min(start.length, MAGIC.length);
        if (n === 0 || !start.subarray(0, n).equals(MAGIC.subarray(0, n))) throw invalid('file', '不是加密的 zgsz 备份文件 (not an encrypted zgsz backup)');
        throw damaged('文件不完整(没有完整的文件头)');
      }
      if (this.pending.length < TAG_BYTES) throw damaged('文件末尾不完整');
      this.open(this.pending.take(this.pending.length), true);
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}
