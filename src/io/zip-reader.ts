// Reads an uploaded .xlsx (a zip held in memory, already bounded in size) one entry at a time, as a
// stream of chunks. yauzl, a maintained zip library, reads the central directory and inflates; we do
// the bounding around it, because the sizes an archive declares can lie: every entry is counted as it
// inflates and may not unpack to more than it declared, the caller's budget for all entries is
// charged chunk by chunk (so a zip bomb is refused after at most one chunk past its budget instead of
// after gigabytes), and the checksum is verified at the end. Entries the caller does not ask for are
// never inflated. Every fault yauzl or zlib reports becomes a 400 that says, in Chinese, what is wrong.
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { DomainError, invalid } from '../domain/errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  encrypted: boolean;
}

const LOCAL = 0x04034b50;
/** An .xlsx has a few dozen parts; tens of thousands of entries only cost time. */
const MAX_ENTRIES = 10_000;

/** A 400 for a file that is not a readable workbook; `reason` says what is wrong, in Chinese. */
export const notXlsx = (reason: string): DomainError => invalid('file', `文件不是有效的 .xlsx 工作簿:${reason} (not a valid .xlsx file)`);

export class ZipArchive {
  private constructor(
    private readonly zipfile: yauzl.ZipFile,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly raw: ReadonlyMap<string, yauzl.Entry>,
  ) {}

  /** Reads the directory. The archive stays open for `read` until `close`, which the caller must call. */
  static async open(data: Buffer): Promise<ZipArchive> {
    if (data.length === 0) throw notXlsx('文件为空');
    if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0) {
      throw notXlsx('这是旧版 .xls 或设有打开密码的工作簿,请在 Excel 中另存为无密码的 .xlsx');
    }
    if (data.length < 22 || data.readUInt32LE(0) !== LOCAL) throw notXlsx('不是 ZIP 格式');
    let zipfile: yauzl.ZipFile;
    try {
      zipfile = await yauzl.fromBufferPromise(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
    } catch (e) {
      throw zipError(e);
    }
    try {
      if (zipfile.entryCount > MAX_ENTRIES) throw notXlsx(`ZIP 中的文件超过 ${MAX_ENTRIES.toLocaleString('en')} 个`);
      const entries = new Map<string, ZipEntry>();
      const raw = new Map<string, yauzl.Entry>();
      for await (const e of zipfile.eachEntry()) {
        const entry: ZipEntry = {
          name: e.fileName,
          method: e.compressionMethod,
          flags: e.generalPurposeBitFlag,
          crc: e.crc32,
          compressedSize: e.compressedSize,
          size: e.uncompressedSize,
          encrypted: e.isEncrypted(),
        };
        // Two entries of one name would let two readers see two different workbooks.
        if (entries.has(entry.name)) throw notXlsx(`ZIP 中有两个同名文件 ${entry.name}`);
        entries.set(entry.name, entry);
        raw.set(entry.name, e);
      }
      return new ZipArchive(zipfile, entries, raw);
    } catch (e) {
      zipfile.close();
      throw zipError(e);
    }
  }

  close(): void {
    this.zipfile.close();
  }

  /**
   * Inflates one entry chunk by chunk. `charge` is called with each chunk's size before it is
   * handed on and throws to stop (the caller's budget); the entry may not unpack to more than it
   * declared, and its checksum is verified at the end.
   */
  async *read(entry: ZipEntry, charge: (bytes: number) => void): AsyncGenerator<Buffer> {
    if (entry.encrypted) throw notXlsx('文件已加密');
    if (entry.method !== 0 && entry.method !== 8) throw notXlsx(`${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
    const source = this.raw.get(entry.name);
    if (!source) throw new Error(`${entry.name} is not an entry of this archive`);
    let stream: Readable;
    try {
      stream = await this.zipfile.openReadStreamPromise(source);
    } catch (e) {
      throw zipError(e, entry);
    }
    let produced = 0;
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > entry.size) throw notXlsx(tooBig(entry));
        charge(chunk.length);
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (e) {
      throw zipError(e, entry);
    } finally {
      stream.destroy();
    }
    if (produced !== entry.size) throw notXlsx(`文件已损坏(${entry.name} 解压后的大小与声明不符)`);
    if (crc !== entry.crc) throw notXlsx(`文件已损坏(${entry.name} 校验和不符)`);
  }
}

const tooBig = (entry: ZipEntry) => `文件已损坏(${entry.name} 解压后比声明的 ${entry.size.toLocaleString('en')} 字节大)`;

/**
 * yauzl and zlib report a bad archive with plain Errors whose messages are their API; each becomes
 * the 400 it means. Our own errors (limits, a refused file) and programming errors pass through.
 */
function zipError(e: unknown, entry?: ZipEntry): unknown {
  if (!(e instanceof Error) || e instanceof DomainError) return e;
  const zlibCode = (e as NodeJS.ErrnoException).code;
  if (entry && (zlibCode?.startsWith('Z_') || (e as { errno?: unknown }).errno !== undefined)) {
    return notXlsx(`文件已损坏(${entry.name} 无法解压)`);
  }
  if (e.name !== 'Error') return e;
  const m = e.message;
  const of = entry ? `${entry.name} ` : '';
  const reasons: [RegExp, string][] = [
    [/^End of central directory record signature not found/, '文件不完整或已损坏(找不到 ZIP 目录,可能被截断)'],
    [/^Invalid comment length/, '文件不完整或已损坏(ZIP 目录的结尾无效)'],
    [/^multi-disk zip files/, '不支持分卷 ZIP'],
    [/zip64 end of central directory/, '文件不完整或已损坏(ZIP64 目录缺失)'],
    [/^invalid central directory file header signature/, '文件已损坏(ZIP 目录项无效)'],
    [/^zip64 extended information extra field/, '文件已损坏(ZIP64 字段不完整)'],
    [/^extra field length exceeds/, '文件已损坏(ZIP 扩展字段无效)'],
    [/^(invalid characters in fileName|absolute path|invalid relative path)/, '文件已损坏(ZIP 中的文件名无效)'],
    [/^compressed\/uncompressed size mismatch/, '文件已损坏(未压缩文件的大小前后不一致)'],
    [/^strong encryption|^entry is encrypted/, '文件已加密'],
    [/^unsupported compression method/, `${of}使用了不支持的压缩方式`],
    [/^invalid local file header signature/, `文件已损坏(${of}的文件头无效)`],
    [/^file data overflows file bounds/, '文件不完整(被截断)'],
    [/^too many bytes in the stream/, entry ? tooBig(entry) : '文件已损坏(解压后比声明的大)'],
    [/^not enough bytes in the stream/, `文件已损坏(${of}解压后的大小与声明不符)`],
    [/^unexpected EOF/, entry ? '文件不完整(被截断)' : '文件不完整或已损坏(ZIP 目录越界)'],
  ];
  const reason = reasons.find(([pattern]) => pattern.test(m))?.[1];
  // Anything else yauzl reports is still about the file, never a 500.
  return notXlsx(reason ?? (entry ? `文件已损坏(${entry.name} 无法读取)` : '文件已损坏(ZIP 结构无效)'));
}
