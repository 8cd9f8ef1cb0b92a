// The bounds an upload that is parsed must keep (see UploadBounds in src/config/env.ts), the error
// that names a bound and its allowed value, and reading a request body into memory within its
// size bound. Everything that parses an upload checks these while it reads, never after.
import type { Readable } from 'node:stream';
import { type AppConfig, UPLOAD_DEFAULTS } from '../config/env.ts';
import { DomainError } from '../domain/errors.ts';

export interface UploadLimits {
  /** Bytes of the upload as sent (the compressed .xlsx, or the CSV). */
  bytes: number;
  unzippedBytes: number;
  /** Rows with content after the header row. */
  rows: number;
  columns: number;
  cellChars: number;
  sharedStrings: number;
  sharedChars: number;
  /** The environment variables that set `bytes` and `rows`: they differ between imports and batch matching. */
  bytesSetting: string;
  rowsSetting: string;
}

export type UploadKind = 'import' | 'batch-xlsx' | 'batch-csv';

export function uploadLimits(config: Pick<AppConfig, 'uploadMaxBytes' | 'uploads'>, kind: UploadKind): UploadLimits {
  const u = config.uploads;
  return {
    bytes: kind === 'batch-csv' ? u.csvMaxBytes : config.uploadMaxBytes,
    bytesSetting: kind === 'batch-csv' ? 'ZGSZ_CSV_MAX_MB' : 'ZGSZ_UPLOAD_MAX_MB',
    unzippedBytes: u.xlsxMaxUnzippedBytes,
    rows: kind === 'import' ? u.importMaxRows : u.batchMaxRows,
    rowsSetting: kind === 'import' ? 'ZGSZ_IMPORT_MAX_ROWS' : 'ZGSZ_BATCH_MAX_ROWS',
    columns: u.maxColumns,
    cellChars: u.maxCellChars,
    sharedStrings: u.xlsxMaxSharedStrings,
    sharedChars: u.xlsxMaxSharedChars,
  };
}

/** The defaults, for callers that were given no configuration (tests, scripts). */
export const DEFAULT_IMPORT_LIMITS = uploadLimits({ uploadMaxBytes: 20 * 1024 * 1024, uploads: UPLOAD_DEFAULTS }, 'import');

const SETTING = {
  unzippedBytes: 'ZGSZ_XLSX_MAX_UNZIPPED_MB',
  columns: 'ZGSZ_UPLOAD_MAX_COLUMNS',
  cellChars: 'ZGSZ_UPLOAD_MAX_CELL_CHARS',
  sharedStrings: 'ZGSZ_XLSX_MAX_SHARED_STRINGS',
  sharedChars: 'ZGSZ_XLSX_MAX_SHARED_CHARS',
} as const;

export type LimitName = 'bytes' | 'rows' | keyof typeof SETTING;

const n = (x: number) => x.toLocaleString('en');
const mb = (x: number) => `${n(Math.round((x / 1024 / 1024) * 10) / 10)} MB`;

/**
 * A 413 naming the bound, its allowed value and the variable that sets it. `where` says what went
 * over (`第5行第3列的单元格`); the allowed value is in the message and in details.
 */
export function overLimit(limits: UploadLimits, limit: LimitName, where = ''): DomainError {
  const allowed = limits[limit];
  const setting = limit === 'bytes' ? limits.bytesSetting : limit === 'rows' ? limits.rowsSetting : SETTING[limit];
  const text: Record<LimitName, string> = {
    bytes: `上传的文件超过 ${mb(allowed)} 的上限`,
    unzippedBytes: `工作簿解压后超过 ${mb(allowed)} 的上限`,
    rows: `数据行超过 ${n(allowed)} 行的上限(不含表头),请分批上传`,
    columns: `${where}超出 ${n(allowed)} 列的上限`,
    cellChars: `${where}超过 ${n(allowed)} 字的上限`,
    sharedStrings: `工作簿的共享字符串超过 ${n(allowed)} 个的上限`,
    sharedChars: `工作簿的共享字符串共计超过 ${n(allowed)} 字的上限`,
  };
  return new DomainError('TOO_LARGE', `${text[limit]}(${setting};upload over the ${limit} limit)`, 'file', { limit, allowed, setting });
}

/**
 * The client went away while its upload was read or processed: all work on it stops and nothing is
 * written. Nobody receives the answer; 499 (client closed request) keeps it out of the error log.
 */
export class UploadAborted extends Error {
  readonly statusCode = 499;
  constructor() {
    super('上传已取消:客户端断开了连接 (client disconnected)');
    this.name = 'UploadAborted';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UploadAborted();
}

/**
 * Reads a whole upload into memory, refusing it as soon as it passes `limits.bytes` (whatever its
 * Content-Length said). On refusal the rest of the body is read and dropped, so the client, still
 * sending, gets the answer rather than a reset connection.
 */
export function readUpload(body: Readable, limits: UploadLimits, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = (error: Error | null) => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('aborted', onAborted);
      signal?.removeEventListener('abort', onAborted);
      if (error) {
        body.on('error', () => {});
        body.resume();
        reject(error);
      }
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limits.bytes) stop(overLimit(limits, 'bytes'));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      stop(null);
      resolve(Buffer.concat(chunks, total));
    };
    // A request whose client went away errors with ECONNRESET ("aborted"); a file that cannot be
    // read (the CLI) keeps its own error.
    const onError = (e: NodeJS.ErrnoException) => stop(e.code === 'ECONNRESET' || e.message === 'aborted' ? new UploadAborted() : e);
    const onAborted = () => stop(new UploadAborted());
    if (signal?.aborted) return stop(new UploadAborted());
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('aborted', onAborted);
    signal?.addEventListener('abort', onAborted, { once: true });
  });
}
