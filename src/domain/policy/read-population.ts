// Reads a population file (JSON, CSV or XLSX) as a stream of enterprises. The second of the
// two I/O files of the policy module (load-policies.ts is the other); CSV and XLSX are read
// incrementally so that memory stays flat for large files.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from '../../lib/exceljs.ts';
import { invalid } from '../errors.ts';
import { cellText } from '../../lib/excel-cell.ts';
import type { PopulationRow } from './batch.ts';
import { CsvParser } from './csv.ts';
import { jsonToPopulation, tableToPopulation, type Cell } from './population-table.ts';
import type { FactSchema } from './types.ts';

async function* csvRecords(path: string): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const parser = new CsvParser();
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    yield* parser.push(chunk as string);
  }
  yield* parser.end();
}

async function* xlsxRecords(path: string): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
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

export async function* readPopulation(path: string, facts: FactSchema): AsyncGenerator<PopulationRow> {
  const source = basename(path);
  switch (extname(path).toLowerCase()) {
    case '.json': {
      let data: unknown;
      try {
        data = JSON.parse(await readFile(path, 'utf8'));
      } catch (e) {
        throw invalid(source, `${source}: JSON 格式错误: ${(e as Error).message}`);
      }
      yield* jsonToPopulation(data, source);
      return;
    }
    case '.csv':
      yield* tableToPopulation(csvRecords(path), facts, source);
      return;
    case '.xlsx':
      yield* tableToPopulation(xlsxRecords(path), facts, source);
      return;
    default:
      throw invalid('file', `不支持的文件类型 ${extname(path) || '(无扩展名)'}:请使用 .json、.csv 或 .xlsx`);
  }
}
