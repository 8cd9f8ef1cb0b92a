// Reads a population (JSON, CSV or XLSX) as a stream of enterprises, from a file or from an
// HTTP upload. The second of the two I/O files of the policy module (policy-library.ts is the
// other). A CSV is tokenized as bytes as it streams; an XLSX is held compressed (within
// ZGSZ_UPLOAD_MAX_MB) and its first sheet read row by row; both are converted to engine-form
// facts as they are read (domain/policy/population-reader.ts), within the upload limits
// (upload-limits.ts), checked as they are read, so memory stays flat and a hostile file is
// refused early.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { UPLOAD_DEFAULTS } from '../config/env.ts';
import { cellText } from '../lib/excel-cell.ts';
import { invalid } from '../domain/errors.ts';
import { batchedPopulation, isBatched, type PopulationRow } from '../domain/policy/batch.ts';
import { PopulationReader } from '../domain/policy/population-reader.ts';
import { jsonToPopulation, type Cell } from '../domain/policy/population-table.ts';
import type { FactSchema } from '../domain/policy/types.ts';
import { overLimit, readUpload, throwIfAborted, type UploadLimits, uploadLimits } from './upload-limits.ts';
import { columnName, NO_CACHED_VALUE, openXlsx } from './xlsx-reader.ts';

export type PopulationFormat = 'json' | 'csv' | 'xlsx';

export interface PopulationReadOptions {
  /** Bounds checked while the population streams; by default the configured defaults for its format. */
  limits?: UploadLimits;
  /** Aborted when the client has gone: reading stops (UploadAborted). */
  signal?: AbortSignal | undefined;
}

const defaultLimits = (format: PopulationFormat) =>
  uploadLimits({ uploadMaxBytes: 20 * 1024 * 1024, uploads: UPLOAD_DEFAULTS }, format === 'xlsx' ? 'batch-xlsx' : 'batch-csv');

/** The longest a batch keeps the event loop to itself between yields. */
const SLICE_MS = 8;
/** Bytes converted at a time: a few hundred rows, so a batch can yield within SLICE_MS. */
const PIECE = 64 * 1024;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The CSV as batches of enterprises, converted as the bytes stream in (population-reader.ts). */
async function* csvBatches(stream: Readable, facts: FactSchema, source: string, limits: UploadLimits, signal: AbortSignal | undefined): AsyncGenerator<readonly PopulationRow[]> {
  const reader = new PopulationReader(facts, source, {
    csv: { cellChars: limits.cellChars, columns: limits.columns, tooLarge: (limit, where) => overLimit(limits, limit, where) },
    maxRecords: limits.rows + 1, // the header is not counted
    tooManyRows: () => overLimit(limits, 'rows'),
  });
  let bytes = 0;
  let slice = performance.now();
  for await (const chunk of stream) {
    throwIfAborted(signal);
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += buf.length;
    if (bytes > limits.bytes) throw overLimit(limits, 'bytes');
    for (let at = 0; at < buf.length; at += PIECE) {
      const rows = reader.pushBytes(buf.subarray(at, at + PIECE));
      if (rows.length) yield rows;
      reader.throwIfFailed();
      if (performance.now() - slice > SLICE_MS) {
        await pause();
        slice = performance.now();
      }
    }
  }
  throwIfAborted(signal);
  const rows = reader.endBytes();
  if (rows.length) yield rows;
  reader.throwIfFailed();
}

/** The first sheet of an XLSX as batches of enterprises, converted as its rows are read. */
async function* xlsxBatches(stream: Readable, facts: FactSchema, source: string, limits: UploadLimits, signal: AbortSignal | undefined): AsyncGenerator<readonly PopulationRow[]> {
  const reader = new PopulationReader(facts, source);
  const sheet = await openXlsx(await readUpload(stream, limits, signal), { limits, signal });
  let slice = performance.now();
  try {
    for await (const row of sheet.rows()) {
      const cells: Cell[] = [];
      for (let i = 0; i < row.cells.length; i++) {
        const v = row.cells[i];
        if (v === NO_CACHED_VALUE) {
          const where = `${source} 第${row.number}行 ${columnName(i + 1)}${row.number} 单元格`;
          throw invalid(`${source}第${row.number}行`, `${where}是公式,但文件中没有保存计算结果:请在 Excel 中打开后保存,或把公式粘贴为数值`);
        }
        cells.push(typeof v === 'number' || typeof v === 'boolean' ? v : cellText(v));
      }
      reader.pushCells(cells, row.number);
      reader.throwIfFailed();
      if (performance.now() - slice > SLICE_MS) {
        const rows = reader.take();
        if (rows.length) yield rows;
        slice = performance.now();
      }
    }
  } catch (e) {
    // The enterprises read before the error are evaluated first, as they were row by row.
    const rows = reader.take();
    if (rows.length) yield rows;
    throw e;
  }
  const rows = reader.endCells();
  if (rows.length) yield rows;
  reader.throwIfFailed();
}

/**
 * The enterprises of an uploaded population. A CSV or XLSX is read a batch of rows at a time
 * (runScenarios asks for batches) with its facts already converted; JSON is parsed whole.
 */
export function readPopulationStream(stream: Readable, format: PopulationFormat, facts: FactSchema, source: string, options: PopulationReadOptions = {}): AsyncIterable<PopulationRow> {
  const limits = options.limits ?? defaultLimits(format);
  switch (format) {
    case 'json':
      return jsonRows(stream, source);
    case 'csv':
      return batchedPopulation(() => csvBatches(stream, facts, source, limits, options.signal));
    case 'xlsx':
      return batchedPopulation(() => xlsxBatches(stream, facts, source, limits, options.signal));
  }
}

async function* jsonRows(stream: Readable, source: string): AsyncGenerator<PopulationRow> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  text += decoder.end();
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw invalid(source, `${source}: JSON 格式错误: ${(e as Error).message}`);
  }
  yield* jsonToPopulation(data, source);
}

export function formatOfFile(path: string): PopulationFormat {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === 'json' || ext === 'csv' || ext === 'xlsx') return ext;
  throw invalid('file', `不支持的文件类型 ${extname(path) || '(无扩展名)'}:请使用 .json、.csv 或 .xlsx`);
}

export function readPopulation(path: string, facts: FactSchema, options: PopulationReadOptions = {}): AsyncIterable<PopulationRow> {
  const format = formatOfFile(path);
  // The file is opened when the batch starts reading, not before.
  return batchedPopulation(async function* () {
    const rows = readPopulationStream(createReadStream(path, { highWaterMark: 1 << 20 }), format, facts, basename(path), options);
    if (isBatched(rows)) yield* rows.batches();
    else for await (const row of rows) yield [row];
  });
}
