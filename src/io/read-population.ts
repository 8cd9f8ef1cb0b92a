// Reads a population (JSON, CSV or XLSX) as a stream of enterprises, from a file or from an
// HTTP upload. The second of the two I/O files of the policy module (policy-library.ts is the
// other). A CSV is parsed as it streams; an XLSX is held compressed (within ZGSZ_UPLOAD_MAX_MB)
// and its first sheet read row by row; both within the upload limits (upload-limits.ts), checked
// as they are read, so memory stays flat and a hostile file is refused early.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { UPLOAD_DEFAULTS } from '../config/env.ts';
import { cellText } from '../lib/excel-cell.ts';
import { invalid } from '../domain/errors.ts';
import type { PopulationRow } from '../domain/policy/batch.ts';
import { CsvParser } from '../domain/policy/csv.ts';
import { jsonToPopulation, tableToPopulation, type Cell } from '../domain/policy/population-table.ts';
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

async function* csvRecords(stream: Readable, limits: UploadLimits, signal: AbortSignal | undefined): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const parser = new CsvParser({ cellChars: limits.cellChars, columns: limits.columns, tooLarge: (limit, where) => overLimit(limits, limit, where) });
  // A decoder, not chunk.toString(): a Chinese character may straddle two chunks.
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let rows = 0;
  let slice = performance.now();
  function* counted(records: { cells: string[]; line: number }[]) {
    for (const r of records) {
      if (r.cells.length === 1 && r.cells[0] === '') continue; // a blank line
      if (++rows > limits.rows + 1) throw overLimit(limits, 'rows'); // the header is not counted
      yield r;
    }
  }
  for await (const chunk of stream) {
    throwIfAborted(signal);
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
    if (bytes > limits.bytes) throw overLimit(limits, 'bytes');
    yield* counted(parser.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)));
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  throwIfAborted(signal);
  const tail = decoder.end();
  if (tail) yield* counted(parser.push(tail));
  yield* counted(parser.end());
}

async function* xlsxRecords(stream: Readable, limits: UploadLimits, signal: AbortSignal | undefined, source: string): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const sheet = await openXlsx(await readUpload(stream, limits, signal), { limits, signal });
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
    yield { cells, line: row.number };
  }
}

export async function* readPopulationStream(stream: Readable, format: PopulationFormat, facts: FactSchema, source: string, options: PopulationReadOptions = {}): AsyncGenerator<PopulationRow> {
  const limits = options.limits ?? defaultLimits(format);
  switch (format) {
    case 'json': {
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
      return;
    }
    case 'csv':
      yield* tableToPopulation(csvRecords(stream, limits, options.signal), facts, source);
      return;
    case 'xlsx':
      yield* tableToPopulation(xlsxRecords(stream, limits, options.signal, source), facts, source);
      return;
  }
}

export function formatOfFile(path: string): PopulationFormat {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === 'json' || ext === 'csv' || ext === 'xlsx') return ext;
  throw invalid('file', `不支持的文件类型 ${extname(path) || '(无扩展名)'}:请使用 .json、.csv 或 .xlsx`);
}

export async function* readPopulation(path: string, facts: FactSchema, options: PopulationReadOptions = {}): AsyncGenerator<PopulationRow> {
  const format = formatOfFile(path);
  yield* readPopulationStream(createReadStream(path, { highWaterMark: 1 << 20 }), format, facts, basename(path), options);
}
