// Reads a population (JSON, CSV or XLSX) as a stream of enterprises, from a file or from an
// HTTP upload. The second of the two I/O files of the policy module (policy-library.ts is the
// other); CSV and XLSX are read incrementally so that memory stays flat for large files.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from '../lib/exceljs.ts';
import { cellText } from '../lib/excel-cell.ts';
import { invalid } from '../domain/errors.ts';
import type { PopulationRow } from '../domain/policy/batch.ts';
import { CsvParser } from '../domain/policy/csv.ts';
import { jsonToPopulation, tableToPopulation, type Cell } from '../domain/policy/population-table.ts';
import type { FactSchema } from '../domain/policy/types.ts';

export type PopulationFormat = 'json' | 'csv' | 'xlsx';

async function* csvRecords(stream: Readable): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const parser = new CsvParser();
  // A decoder, not chunk.toString(): a Chinese character may straddle two chunks.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) yield* parser.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  const tail = decoder.end();
  if (tail) yield* parser.push(tail);
  yield* parser.end();
}

async function* xlsxRecords(stream: Readable): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      // ExcelJS rows are 1-based; cell values may be rich text, formulas or hyperlinks.
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) {
        const v = values[i];
        cells.push(typeof v === 'number' || typeof v === 'boolean' ? v : cellText(v));
      }
      yield { cells, line: row.number };
    }
    return; // first worksheet only
  }
}

export async function* readPopulationStream(stream: Readable, format: PopulationFormat, facts: FactSchema, source: string): AsyncGenerator<PopulationRow> {
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
      yield* tableToPopulation(csvRecords(stream), facts, source);
      return;
    case 'xlsx':
      yield* tableToPopulation(xlsxRecords(stream), facts, source);
      return;
  }
}

export function formatOfFile(path: string): PopulationFormat {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === 'json' || ext === 'csv' || ext === 'xlsx') return ext;
  throw invalid('file', `不支持的文件类型 ${extname(path) || '(无扩展名)'}:请使用 .json、.csv 或 .xlsx`);
}

export async function* readPopulation(path: string, facts: FactSchema): AsyncGenerator<PopulationRow> {
  const format = formatOfFile(path);
  yield* readPopulationStream(createReadStream(path, { highWaterMark: 1 << 20 }), format, facts, basename(path));
}
