// Reads a zip archive held in memory (an uploaded .xlsx, already bounded in size) through its
// central directory, and unpacks one entry at a time as a stream of chunks. The sizes an archive
// declares can lie, so every entry is also counted as it inflates: it may not unpack to more than it
// declared, and the caller's budget for all entries is charged chunk by chunk, so a zip bomb is
// refused after at most one chunk past its budget instead of after gigabytes. Entries the caller
// does not ask for are never inflated.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { invalid, type DomainError } from '../domain/errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** An .xlsx has a few dozen parts; tens of thousands of entries only cost time. */
const MAX_ENTRIES = 10_000;
const CHUNK = 64 * 1024;

/** A 400 for a file that is not a readable workbook; `reason` says what is wrong, in Chinese. */
export const notXlsx = (reason: string): DomainError => invalid('file', `文件不是有效的 .xlsx 工作簿:${reason} (not a valid .xlsx file)`);

export class ZipArchive {
  private constructor(private readonly data: Buffer, readonly entries: ReadonlyMap<string, ZipEntry>) {}

  static open(data: Buffer): ZipArchive {
    if (data.length === 0) throw notXlsx('文件为空');
    if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0) {
      throw notXlsx('这是旧版 .xls 或设有打开密码的工作簿,请在 Excel 中另存为无密码的 .xlsx');
    }
    if (data.length < 22 || data.readUInt32LE(0) !== LOCAL) throw notXlsx('不是 ZIP 格式');
    const end = findEndOfCentralDirectory(data);
    let count = data.readUInt16LE(end + 10);
    let size = data.readUInt32LE(end + 12);
    let offset = data.readUInt32LE(end + 16);
    if (data.readUInt16LE(end + 4) !== 0 || data.readUInt16LE(end + 6) !== 0) throw notXlsx('不支持分卷 ZIP');
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR) throw notXlsx('文件不完整或已损坏(ZIP64 目录缺失)');
      const at = safeNumber(data.readBigUInt64LE(locator + 8));
      if (at + 56 > data.length || data.readUInt32LE(at) !== ZIP64_EOCD) throw notXlsx('文件不完整或已损坏(ZIP64 目录越界)');
      count = safeNumber(data.readBigUInt64LE(at + 32));
      size = safeNumber(data.readBigUInt64LE(at + 40));
      offset = safeNumber(data.readBigUInt64LE(at + 48));
    }
    if (count > MAX_ENTRIES) throw notXlsx(`ZIP 中的文件超过 ${MAX_ENTRIES.toLocaleString('en')} 个`);
    if (offset + size > data.length) throw notXlsx('文件不完整或已损坏(ZIP 目录越界)');
    const entries = new Map<string, ZipEntry>();
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > offset + size || data.readUInt32LE(p) !== CENTRAL) throw notXlsx('文件已损坏(ZIP 目录项无效)');
      const flags = data.readUInt16LE(p + 8);
      const nameLength = data.readUInt16LE(p + 28);
      const extraLength = data.readUInt16LE(p + 30);
      const commentLength = data.readUInt16LE(p + 32);
      const nameBytes = data.subarray(p + 46, p + 46 + nameLength);
      const entry: ZipEntry = {
        // Bit 11: the name is UTF-8; otherwise code page 437, which for the ASCII part names of a
        // workbook reads the same.
        name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1'),
        method: data.readUInt16LE(p + 10),
        flags,
        crc: data.readUInt32LE(p + 16),
        compressedSize: data.readUInt32LE(p + 20),
        size: data.readUInt32LE(p + 24),
        localOffset: data.readUInt32LE(p + 42),
      };
      readZip64Extra(data.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
      // Two entries of one name would let two readers see two different workbooks.
      if (entries.has(entry.name)) throw notXlsx(`ZIP 中有两个同名文件 ${entry.name}`);
      entries.set(entry.name, entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(data, entries);
  }

  /**
   * Inflates one entry chunk by chunk. `charge` is called with each chunk's size before it is
   * handed on and throws to stop (the caller's budget); the entry may not unpack to more than it
   * declared, and its checksum is verified at the end.
   */
  async *read(entry: ZipEntry, charge: (bytes: number) => void): AsyncGenerator<Buffer> {
    if (entry.flags & 0x1) throw notXlsx('文件已加密');
    if (entry.method !== 0 && entry.method !== 8) throw notXlsx(`${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
    const p = entry.localOffset;
    if (p + 30 > this.data.length || this.data.readUInt32LE(p) !== LOCAL) throw notXlsx(`文件已损坏(${entry.name} 的文件头无效)`);
    const start = p + 30 + this.data.readUInt16LE(p + 26) + this.data.readUInt16LE(p + 28);
    if (start + entry.compressedSize > this.data.length) throw notXlsx('文件不完整(被截断)');
    const compressed = this.data.subarray(start, start + entry.compressedSize);
    let produced = 0;
    let crc = 0;
    const take = (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > entry.size) throw notXlsx(`文件已损坏(${entry.name} 解压后比声明的 ${entry.size.toLocaleString('en')} 字节大)`);
      charge(chunk.length);
      crc = crc32(chunk, crc);
    };
    if (entry.method === 0) {
      for (let i = 0; i < compressed.length; i += CHUNK) {
        const chunk = compressed.subarray(i, i + CHUNK);
        take(chunk);
        yield chunk;
      }
    } else {
      const inflater = createInflateRaw({ chunkSize: CHUNK });
      const source = Readable.from(slices(compressed), { objectMode: false });
      const feeding = pipeline(source, inflater).catch(() => {}); // its error surfaces below
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          take(chunk);
          yield chunk;
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code?.startsWith('Z_') || (e as { errno?: unknown }).errno !== undefined) {
          throw notXlsx(`文件已损坏(${entry.name} 无法解压)`);
        }
        throw e;
      } finally {
        inflater.destroy();
        source.destroy();
        await feeding;
      }
    }
    if (produced !== entry.size) throw notXlsx(`文件已损坏(${entry.name} 解压后的大小与声明不符)`);
    if (crc !== entry.crc) throw notXlsx(`文件已损坏(${entry.name} 校验和不符)`);
  }
}

function* slices(data: Buffer): Generator<Buffer> {
  for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes followed by a comment of at most 65,535 bytes.
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) {
    if (data.readUInt32LE(i) === EOCD && i + 22 + data.readUInt16LE(i + 20) <= data.length) return i;
  }
  throw notXlsx('文件不完整或已损坏(找不到 ZIP 目录,可能被截断)');
}

/** Sizes and offsets of 0xFFFFFFFF are in the ZIP64 extra field (id 1), in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 1) {
      let q = i + 4;
      const next = () => {
        if (q + 8 > i + 4 + length || q + 8 > extra.length) throw notXlsx('文件已损坏(ZIP64 字段不完整)');
        const v = safeNumber(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    i += 4 + length;
  }
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw notXlsx('文件已损坏(ZIP 中的大小或位置无效)');
  return Number(v);
}
