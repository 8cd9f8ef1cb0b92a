// Parses one worksheet of an uploaded .xlsx row by row within the upload's limits (see
// upload-limits.ts). It runs on a worker thread (xlsx-worker.ts, started by xlsx-reader.ts, which is
// what callers use). A workbook is a zip of XML parts: the reader follows the package's
// relationships to the workbook, its shared strings and the sheet, unpacks only those, and parses
// them with a streaming XML parser, checking as it goes the unpacked bytes, the rows, columns and
// characters of each cell and the shared strings. Shared strings are the one part held whole (cells
// refer to them by number), so they are kept as UTF-8 in a few large buffers rather than as millions
// of strings. Anything that is not a readable workbook (truncated, not a zip, no workbook, a missing
// sheet, XML that is not well formed) is a 400 that says so.
//
// Cell values are what a person sees, typed as ExcelJS typed them: text, numbers, booleans; a
// date-formatted number becomes YYYY-MM-DD when asked for (`dates`); an error value (#N/A) is empty.
// A formula whose result the file does not hold (written by a program, never recalculated) is
// NO_CACHED_VALUE, so no caller can mistake it for text.
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { type UploadLimits, overLimit, throwIfAborted } from './upload-limits.ts';
import { notXlsx, ZipArchive, type ZipEntry } from './zip-reader.ts';

const require = createRequire(import.meta.url);
const { SaxesParser: Parser } = require('saxes') as { SaxesParser: new (opts?: object) => SaxesParser };

export const NO_CACHED_VALUE: unique symbol = Symbol('formula without a cached value');
export type XlsxValue = string | number | boolean | null | typeof NO_CACHED_VALUE;

export interface XlsxRow {
  /** The sheet's row number (1-based). */
  number: number;
  /** cells[0] is column A; empty cells are null. Rows without any value are not reported. */
  cells: XlsxValue[];
}

export interface XlsxOptions {
  limits: UploadLimits;
  /** Stops the reading (UploadAborted) when the client has gone. */
  signal?: AbortSignal | undefined;
  /** The sheet to read by name; when absent (or not found, with `fallback`), the first sheet. */
  sheet?: string;
  /** Date-formatted numbers become YYYY-MM-DD text (the workbook's styles are read for it). */
  dates?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** The sheet's rows with values, in order. May be read more than once (each read is checked again). */
  rows(onProgress?: (fraction: number) => void): AsyncGenerator<XlsxRow>;
}

/** 1 → A, 27 → AA. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The longest the reader keeps the event loop to itself between yields. */
const SLICE_MS = 8;
const SHEETS_MAX = 1000;

interface Relationship { type: string; target: string }

export async function parseXlsx(file: Buffer, options: XlsxOptions): Promise<XlsxSheet> {
  const zip = await ZipArchive.open(file);
  try {
    return await readWorkbook(file, zip, options);
  } finally {
    // The sheet's rows are read through an archive of their own (readSheetOnce), which closes itself.
    zip.close();
  }
}

async function readWorkbook(file: Buffer, zip: ZipArchive, options: XlsxOptions): Promise<XlsxSheet> {
  const { limits, signal } = options;
  const byLowerName = new Map([...zip.entries.values()].map((e) => [e.name.toLowerCase(), e]));
  // Part names are case-insensitive in a package; a leading slash makes them absolute.
  const find = (name: string): ZipEntry | undefined => zip.entries.get(name) ?? byLowerName.get(name.toLowerCase());
  let unpacked = 0;
  const charge = (bytes: number) => {
    unpacked += bytes;
    if (unpacked > limits.unzippedBytes) throw overLimit(limits, 'unzippedBytes');
  };
  const declare = (entry: ZipEntry) => {
    // An honest archive is refused before any inflating; a lying one when it passes its declared size.
    if (unpacked + entry.size > limits.unzippedBytes) throw overLimit(limits, 'unzippedBytes');
  };
  const parse = async (entry: ZipEntry, handlers: Handlers) => {
    declare(entry);
    await parsePart(zip, entry, charge, handlers, limits, signal);
  };

  const rootRels = find('_rels/.rels');
  const rels = rootRels ? await readRelationships(rootRels, '', parse) : new Map<string, Relationship>();
  const workbookPath = [...rels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookEntry = find(workbookPath);
  if (!workbookEntry) throw notXlsx(`缺少工作簿 (${workbookPath})`);
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const workbookRelsEntry = find(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`);
  const workbookRels = workbookRelsEntry ? await readRelationships(workbookRelsEntry, dir, parse) : new Map<string, Relationship>();

  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  await parse(workbookEntry, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
      if (name === 'sheet') {
        if (sheets.length >= SHEETS_MAX) throw notXlsx(`工作表超过 ${SHEETS_MAX} 个`);
        const rid = Object.entries(tag.attributes).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: tag.attributes.name ?? '', rid });
      }
    },
  });
  if (!sheets.length) throw notXlsx('工作簿中没有工作表');
  const sheet = (options.sheet !== undefined && sheets.find((s) => s.name === options.sheet)) || sheets[0]!;
  const sheetPath = workbookRels.get(sheet.rid)?.target;
  const sheetEntry = sheetPath === undefined ? undefined : find(sheetPath);
  if (!sheetEntry) throw notXlsx(`工作表“${sheet.name}”的内容缺失${sheetPath ? ` (${sheetPath})` : ''}`);

  const partOf = (type: string, fallback: string) => {
    const target = [...workbookRels.values()].find((r) => r.type.endsWith(type))?.target;
    return find(target ?? fallback);
  };
  const sharedEntry = partOf('/sharedStrings', `${dir}sharedStrings.xml`);
  const shared = sharedEntry ? await readSharedStrings(sharedEntry, limits, parse) : new SharedStrings(limits);
  const styles = options.dates ? partOf('/styles', `${dir}styles.xml`) : undefined;
  const dateStyles = styles ? await readDateStyles(styles, parse) : null;
  const before = unpacked;

  return {
    name: sheet.name,
    rows: (onProgress) => {
      // A second read (an import validates, then writes) is charged from the same starting point.
      unpacked = before;
      declare(sheetEntry);
      return readSheetOnce(file, sheetEntry, { limits, signal, shared, dateStyles, date1904, charge, onProgress });
    },
  };
}

// ---- XML parts ----------------------------------------------------------------------------------

interface Handlers {
  open?(tag: SaxesTagPlain): void;
  text?(text: string): void;
  close?(name: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Feeds an entry's chunks to a streaming XML parser. Between two '<' or two '>' there may be no
 * more characters than a cell may hold (with room for entities): the parser would otherwise gather
 * an unbounded text or tag in memory before any handler could count it.
 */
class PartParser {
  private readonly parser: SaxesParser;
  private readonly decoder = new StringDecoder('utf8');
  private sinceLt = 0;
  private sinceGt = 0;
  private readonly maxRun: number;

  constructor(private readonly part: string, handlers: Handlers, private readonly limits: UploadLimits) {
    this.parser = new Parser({ position: false });
    const { open, text, close } = handlers;
    if (open) this.parser.on('opentag', (tag) => open(tag as SaxesTagPlain));
    if (text) {
      this.parser.on('text', text);
      this.parser.on('cdata', text);
    }
    if (close) this.parser.on('closetag', (tag) => close(localName(tag.name)));
    this.maxRun = limits.cellChars * 10 + 4096;
  }

  write(chunk: Buffer): void {
    this.feed(this.decoder.write(chunk));
  }

  end(): void {
    this.feed(this.decoder.end());
    try {
      this.parser.close();
    } catch (e) {
      throw this.xmlError(e);
    }
  }

  private feed(text: string): void {
    if (!text) return;
    const lt = text.lastIndexOf('<');
    const gt = text.lastIndexOf('>');
    this.sinceLt = lt < 0 ? this.sinceLt + text.length : text.length - lt - 1;
    this.sinceGt = gt < 0 ? this.sinceGt + text.length : text.length - gt - 1;
    if (this.sinceLt > this.maxRun || this.sinceGt > this.maxRun) throw overLimit(this.limits, 'cellChars', `${this.part} 中的一段文字`);
    try {
      this.parser.write(text);
    } catch (e) {
      throw this.xmlError(e);
    }
  }

  private xmlError(e: unknown): unknown {
    // Handlers throw DomainErrors (limits, bad references); the parser throws plain Errors.
    if (e instanceof Error && e.name === 'Error') return notXlsx(`${this.part} 不是格式正确的 XML(${e.message.slice(0, 120)})`);
    return e;
  }
}

async function parsePart(zip: ZipArchive, entry: ZipEntry, charge: (n: number) => void, handlers: Handlers, limits: UploadLimits, signal: AbortSignal | undefined): Promise<void> {
  const parser = new PartParser(entry.name, handlers, limits);
  let slice = performance.now();
  for await (const chunk of zip.read(entry, charge)) {
    throwIfAborted(signal);
    parser.write(chunk);
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  parser.end();
}

type Parse = (entry: ZipEntry, handlers: Handlers) => Promise<void>;

async function readRelationships(entry: ZipEntry, baseDir: string, parse: Parse): Promise<Map<string, Relationship>> {
  const out = new Map<string, Relationship>();
  await parse(entry, {
    open(tag) {
      if (localName(tag.name) !== 'Relationship' || tag.attributes.TargetMode === 'External') return;
      const { Id: id = '', Type: type = '', Target: target = '' } = tag.attributes;
      if (out.size < 10_000) out.set(id, { type, target: resolvePath(baseDir, target) });
    },
  });
  return out;
}

function resolvePath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

// ---- shared strings -----------------------------------------------------------------------------

const PAGE = 1 << 20;

/** Every shared string as UTF-8 in 1 MB pages, found by offset and length: no per-string objects. */
class SharedStrings {
  private readonly pages: Buffer[] = [];
  private position = PAGE;
  private offsets = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  count = 0;
  private chars = 0;

  constructor(private readonly limits: UploadLimits) {}

  add(text: string): void {
    if (this.count >= this.limits.sharedStrings) throw overLimit(this.limits, 'sharedStrings');
    this.chars += text.length;
    if (this.chars > this.limits.sharedChars) throw overLimit(this.limits, 'sharedChars');
    if (this.count === this.offsets.length) {
      const grow = (a: Uint32Array) => { const b = new Uint32Array(a.length * 2); b.set(a); return b; };
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
    }
    const bytes = Buffer.byteLength(text);
    if (this.position + bytes > PAGE) {
      this.pages.push(Buffer.allocUnsafe(Math.max(PAGE, bytes)));
      this.position = 0;
    }
    const page = this.pages.length - 1;
    this.pages[page]!.write(text, this.position);
    this.offsets[this.count] = page * PAGE + this.position;
    this.lengths[this.count] = bytes;
    this.position += bytes;
    this.count++;
  }

  get(index: number): string {
    const at = this.offsets[index]!;
    const page = Math.floor(at / PAGE);
    const start = at % PAGE;
    return this.pages[page]!.toString('utf8', start, start + this.lengths[index]!);
  }
}

async function readSharedStrings(entry: ZipEntry, limits: UploadLimits, parse: Parse): Promise<SharedStrings> {
  const table = new SharedStrings(limits);
  let text = '';
  let inText = false;
  let phonetic = 0;
  await parse(entry, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'sst') {
        // The declared count may be false, but a true one lets a bomb be refused before it unpacks.
        const declared = Number(tag.attributes.uniqueCount);
        if (Number.isInteger(declared) && declared > limits.sharedStrings) throw overLimit(limits, 'sharedStrings');
      } else if (name === 'si') text = '';
      else if (name === 'rPh') phonetic++; // reading aids (furigana) are not part of the text
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(t) {
      if (!inText) return;
      text += t;
      if (text.length > limits.cellChars) throw overLimit(limits, 'cellChars', `共享字符串第 ${table.count + 1} 项`);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') table.add(text);
    },
  });
  return table;
}

// ---- date styles --------------------------------------------------------------------------------

/** Excel's built-in number formats that show a date or time. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const MAX_STYLES = 100_000;

/** Whether each cell style (cellXfs index) shows a date; ExcelJS's reading of a format code. */
async function readDateStyles(entry: ZipEntry, parse: Parse): Promise<boolean[]> {
  const customDate = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parse(entry, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'numFmt') {
        const code = (tag.attributes.formatCode ?? '').replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
        customDate.set(Number(tag.attributes.numFmtId), /[ymdhsb]/i.test(code) && !/^general$/i.test(code));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        if (styles.length >= MAX_STYLES) throw notXlsx(`单元格样式超过 ${MAX_STYLES.toLocaleString('en')} 个`);
        const id = Number(tag.attributes.numFmtId ?? 0);
        styles.push(customDate.get(id) ?? BUILT_IN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

function excelDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : null;
}

// ---- the worksheet ------------------------------------------------------------------------------

interface SheetContext {
  limits: UploadLimits;
  signal: AbortSignal | undefined;
  shared: SharedStrings;
  dateStyles: boolean[] | null;
  date1904: boolean;
  charge: (n: number) => void;
  onProgress: ((fraction: number) => void) | undefined;
}

/** The column of a reference such as "AB12" (28), or 0 when it has none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length && i < 8; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

/**
 * Each read of the rows opens the archive again and closes it however the read ends (done, a limit,
 * a bad file, the client gone, or the caller stopping early), so a sheet never holds it open.
 */
async function* readSheetOnce(file: Buffer, entry: ZipEntry, ctx: SheetContext): AsyncGenerator<XlsxRow> {
  const zip = await ZipArchive.open(file);
  try {
    const same = zip.entries.get(entry.name);
    if (!same) throw notXlsx(`工作表的内容缺失 (${entry.name})`);
    yield* readSheet(zip, same, ctx);
  } finally {
    zip.close();
  }
}

async function* readSheet(zip: ZipArchive, entry: ZipEntry, ctx: SheetContext): AsyncGenerator<XlsxRow> {
  const { limits, shared, dateStyles, date1904 } = ctx;
  const ready: XlsxRow[] = [];
  let inSheetData = false;
  let rowNumber = 0;
  let rows = 0;
  let cells: XlsxValue[] = [];
  let hasValue = false;
  let lastColumn = 0;
  // The cell being read.
  let column = 0;
  let type = 'n';
  let style = 0;
  let value: string | null = null;
  let inline: string | null = null;
  let formula = false;
  let inValue = false;
  let inInlineText = false;
  let inInline = false;
  let phonetic = 0;

  const where = () => `第${rowNumber}行的单元格 ${columnName(column)}${rowNumber}`;
  const grow = (current: string, t: string) => {
    const next = current + t;
    if (next.length > limits.cellChars) throw overLimit(limits, 'cellChars', where());
    return next;
  };
  const cellValue = (): XlsxValue => {
    switch (type) {
      case 's': {
        const index = value === null ? NaN : Number(value);
        if (!Number.isInteger(index) || index < 0 || index >= shared.count) throw notXlsx(`${where()}引用了不存在的共享字符串`);
        return shared.get(index);
      }
      case 'inlineStr':
        return inline ?? value;
      case 'e':
        return null;
      default:
        break;
    }
    if (value === null) return formula ? NO_CACHED_VALUE : null;
    if (type === 'str') return value;
    if (type === 'b') return value.trim() === '1' || value.trim().toLowerCase() === 'true';
    if (type === 'd') return dateStyles ? value.slice(0, 10) : value;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) return value;
    if (dateStyles?.[style]) return excelDate(n, date1904) ?? n;
    return n;
  };

  const parser = new PartParser(entry.name, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      const a = tag.attributes;
      switch (name) {
        case 'row': {
          const r = Number(a.r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          hasValue = false;
          lastColumn = 0;
          break;
        }
        case 'c':
          column = a.r ? columnOf(a.r) || lastColumn + 1 : lastColumn + 1;
          lastColumn = column;
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          value = null;
          inline = null;
          formula = false;
          break;
        case 'v':
          inValue = true;
          value = '';
          break;
        case 'f':
          formula = true;
          break;
        case 'is':
          inInline = true;
          inline = '';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && phonetic === 0) inInlineText = true;
          break;
      }
    },
    text(t) {
      if (inValue) value = grow(value!, t);
      else if (inInlineText) inline = grow(inline!, t);
    },
    close(name) {
      switch (name) {
        case 'sheetData':
          inSheetData = false;
          break;
        case 'v':
          inValue = false;
          break;
        case 't':
          inInlineText = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          if (!inSheetData) break;
          const v = cellValue();
          if (v === null) break;
          if (column > limits.columns) throw overLimit(limits, 'columns', where());
          if (!hasValue) {
            hasValue = true;
            // The header row is not counted.
            if (++rows > limits.rows + 1) throw overLimit(limits, 'rows');
          }
          cells[column - 1] = v;
          break;
        }
        case 'row':
          if (!inSheetData || !hasValue) break;
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          ready.push({ number: rowNumber, cells });
          break;
      }
    },
  }, limits);

  let slice = performance.now();
  let read = 0;
  for await (const chunk of zip.read(entry, ctx.charge)) {
    throwIfAborted(ctx.signal);
    parser.write(chunk);
    read += chunk.length;
    for (const row of ready) yield row;
    ready.length = 0;
    ctx.onProgress?.(read / Math.max(1, entry.size));
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(ctx.signal);
      slice = performance.now();
    }
  }
  parser.end();
  yield* ready;
}
