// The converting table reader of batch matching: a population table (a CSV as bytes, or the rows of
// an XLSX sheet as cells) becomes enterprises whose facts are already in engine form, converted
// by per-column converters compiled once from the fact dictionary. The table's meaning is that of
// tableToPopulation (population-table.ts): an `id` column, consecutive rows of one enterprise
// make one case with several items, an enterprise whose rows are not consecutive is refused
// (an IdSet of 8 bytes an id, so the check stays bounded), the same errors word for word.
//
// In a CSV, most cells never become strings: money ("3000万元"), counts, levels, booleans (是/否)
// and enum codes or labels are read from their bytes; the id and name are copied as bytes and
// decoded only if someone reads them (the match list, an error message). A cell the byte
// converters do not recognise is decoded and converted by normalizeFacts's own code, so any
// value is accepted or refused exactly as before. A conversion error does not stop reading: it
// is kept with the enterprise (the first in the order normalizeFacts checks) and raised when the
// batch reaches that enterprise, as it was when every row was normalised as it was evaluated.
import type { PopulationRow } from './batch.ts';
import type { CsvLimits } from './csv.ts';
import { CsvTokenizer, ESCAPED, type CsvRecordSink } from './csv-bytes.ts';
import { IdSet } from './id-set.ts';
import { factBuilder, FALSE_WORDS, missingApplicantType, normalizeScalar, TRUE_WORDS } from './normalize-facts.ts';
import { columns, MAX_ITEMS, tableErrors, type Cell } from './population-table.ts';
import type { FactDef, FactSchema, FactValue } from './types.ts';
import { invalid } from '../errors.ts';

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

// ---- bytes --------------------------------------------------------------------------------------

/** Byte length of a whitespace character String#trim removes starting at i (0 if none). */
function spaceAt(buf: Uint8Array, i: number, end: number): number {
  const b = buf[i]!;
  if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) return 1;
  if (b < 0xc2 || i + 1 >= end) return 0;
  const c = buf[i + 1]!;
  if (b === 0xc2) return c === 0xa0 ? 2 : 0; // U+00A0
  if (i + 2 >= end) return 0;
  const d = buf[i + 2]!;
  if (b === 0xe2 && c === 0x80) return d <= 0x8a || d === 0xa8 || d === 0xa9 || d === 0xaf ? 3 : 0; // U+2000–200A, 2028, 2029, 202F
  if (b === 0xe2) return c === 0x81 && d === 0x9f ? 3 : 0; // U+205F
  if (b === 0xe3) return c === 0x80 && d === 0x80 ? 3 : 0; // U+3000
  if (b === 0xe1) return c === 0x9a && d === 0x80 ? 3 : 0; // U+1680
  if (b === 0xef) return c === 0xbb && d === 0xbf ? 3 : 0; // U+FEFF
  return 0;
}

function trimStart(buf: Uint8Array, s: number, e: number): number {
  while (s < e) {
    const n = spaceAt(buf, s, e);
    if (n === 0) break;
    s += n;
  }
  return s;
}

function trimEnd(buf: Uint8Array, s: number, e: number): number {
  while (e > s) {
    const b = buf[e - 1]!;
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) e--;
    else if (b < 0x80) break;
    else if (e - 2 >= s && spaceAt(buf, e - 2, e) === 2) e -= 2;
    else if (e - 3 >= s && spaceAt(buf, e - 3, e) === 3) e -= 3;
    else break;
  }
  return e;
}

function sameBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

/** The text of a field: decoded, doubled quotes undone (not trimmed). */
function fieldText(buf: Uint8Array, s: number, e: number, escaped: boolean): string {
  const text = utf8.decode(buf.subarray(s, e));
  return escaped ? text.replaceAll('""', '"') : text;
}

/** Bytes kept after their chunk is gone (ids, names, the values a follow-up row must repeat). */
class Arena {
  buf = new Uint8Array(1 << 16);
  used = 0;
  /** Copies buf[s, e) in; returns its offset in `this.buf` (which may be a new one). */
  keep(src: Uint8Array, s: number, e: number): number {
    const n = e - s;
    if (this.used + n > this.buf.length) {
      // Rows made earlier keep the old buffer; it is never written again.
      this.buf = new Uint8Array(Math.max(1 << 16, n));
      this.used = 0;
    }
    const at = this.used;
    const dst = this.buf;
    for (let i = 0; i < n; i++) dst[at + i] = src[s + i]!;
    this.used = at + n;
    return at;
  }
}

// ---- converters ---------------------------------------------------------------------------------

const MONEY = 0, COUNT = 1, LEVEL = 2, BOOLEAN = 3, ENUM = 4, CODES = 5;
const TYPE_CODE: Record<string, number> = { money: MONEY, count: COUNT, level: LEVEL, boolean: BOOLEAN, enum: ENUM, codes: CODES };
/** The byte converter could not decide: the text goes to normalizeFacts's converter. */
const UNDECIDED = Symbol('undecided');

/** Codes, then labels, as UTF-8 (normalizeFacts's enumCode tries them in this order). */
interface Words {
  bytes: Uint8Array[];
  values: (string | boolean)[];
}

function words(pairs: [string, string | boolean][]): Words {
  return { bytes: pairs.map(([w]) => encoder.encode(w)), values: pairs.map(([, v]) => v) };
}

function matchWord(w: Words, buf: Uint8Array, s: number, e: number, lower: boolean): string | boolean | undefined {
  const n = e - s;
  for (let k = 0; k < w.bytes.length; k++) {
    const cand = w.bytes[k]!;
    if (cand.length !== n) continue;
    let i = 0;
    for (; i < n; i++) {
      let b = buf[s + i]!;
      if (lower && b >= 0x41 && b <= 0x5a) b += 0x20;
      if (b !== cand[i]) break;
    }
    if (i === n) return w.values[k];
  }
  return undefined;
}

interface Converter {
  readonly def: FactDef;
  readonly type: number;
  readonly words?: Words;
}

function converter(def: FactDef): Converter {
  const type = TYPE_CODE[def.type]!;
  if (type === BOOLEAN) return { def, type, words: words([...TRUE_WORDS.map((w): [string, boolean] => [w, true]), ...FALSE_WORDS.map((w): [string, boolean] => [w, false])]) };
  if (type === ENUM || type === CODES) {
    const codes = [...def.values!.keys()];
    return { def, type, words: words([...codes.map((c): [string, string] => [c, c]), ...[...def.values!].map(([c, label]): [string, string] => [label, c])]) };
  }
  return { def, type };
}

const YUAN = [0xe5, 0x85, 0x83]; // 元
const WAN = [0xe4, 0xb8, 0x87]; // 万

function isAt(buf: Uint8Array, i: number, e: number, seq: readonly number[]): boolean {
  return i + 3 <= e && buf[i] === seq[0] && buf[i + 1] === seq[1] && buf[i + 2] === seq[2];
}

/**
 * Money in the two shapes parseMoney reads without BigInt (quantities.ts fastMoney): up to 13
 * digits of 元 with up to two decimals, or up to 9 digits of 万元 with up to six; trimmed text.
 */
function moneyBytes(buf: Uint8Array, s: number, e: number): number | typeof UNDECIDED {
  let i = s;
  let whole = 0;
  while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) whole = whole * 10 + buf[i++]! - 0x30;
  const digits = i - s;
  if (digits === 0) return UNDECIDED;
  let frac = 0, fracDigits = 0;
  if (i < e && buf[i] === 0x2e) {
    i++;
    const f0 = i;
    while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) frac = frac * 10 + buf[i++]! - 0x30;
    fracDigits = i - f0;
    if (fracDigits === 0) return UNDECIDED;
  }
  if (isAt(buf, i, e, WAN)) {
    i += 3;
    if (isAt(buf, i, e, YUAN)) i += 3;
    if (i !== e || digits > 9 || fracDigits > 6) return UNDECIDED;
    return whole * 1_000_000 + frac * 10 ** (6 - fracDigits);
  }
  if (isAt(buf, i, e, YUAN)) i += 3;
  if (i !== e || digits > 13 || fracDigits > 2) return UNDECIDED;
  return whole * 100 + frac * 10 ** (2 - fracDigits);
}

/** 1 to 15 ASCII digits (parseCount's fast shape, and a level's). */
function digitsBytes(buf: Uint8Array, s: number, e: number): number | typeof UNDECIDED {
  if (e - s > 15) return UNDECIDED;
  let n = 0;
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    if (b < 0x30 || b > 0x39) return UNDECIDED;
    n = n * 10 + b - 0x30;
  }
  return n;
}

const SEMI = 0x3b, BAR = 0x7c, COMMA = 0x2c;
/** Full-width ; (EF BC 9B), , (EF BC 8C) and 、 (E3 80 81): the separators of a codes list. */
function separatorAt(buf: Uint8Array, i: number, e: number): number {
  const b = buf[i]!;
  if (b === SEMI || b === BAR || b === COMMA) return 1;
  if (i + 3 > e) return 0;
  if (b === 0xef && buf[i + 1] === 0xbc && (buf[i + 2] === 0x9b || buf[i + 2] === 0x8c)) return 3;
  if (b === 0xe3 && buf[i + 1] === 0x80 && buf[i + 2] === 0x81) return 3;
  return 0;
}

function convertBytes(c: Converter, buf: Uint8Array, s: number, e: number): FactValue | typeof UNDECIDED {
  switch (c.type) {
    case MONEY: return moneyBytes(buf, s, e);
    case COUNT: return digitsBytes(buf, s, e);
    case LEVEL: {
      const n = digitsBytes(buf, s, e);
      return n !== UNDECIDED && n >= c.def.min! && n <= c.def.max! ? n : UNDECIDED;
    }
    case BOOLEAN: return (matchWord(c.words!, buf, s, e, true) as boolean | undefined) ?? UNDECIDED;
    case ENUM: return (matchWord(c.words!, buf, s, e, false) as string | undefined) ?? UNDECIDED;
    default: {
      const codes: string[] = [];
      let from = s;
      for (let i = s; i <= e; ) {
        const sep = i === e ? 1 : separatorAt(buf, i, e);
        if (sep === 0) {
          i++;
          continue;
        }
        const ps = trimStart(buf, from, i), pe = trimEnd(buf, ps, i);
        if (pe > ps) {
          const code = matchWord(c.words!, buf, ps, pe, false) as string | undefined;
          if (code === undefined) return UNDECIDED;
          codes.push(code);
        }
        i += sep;
        from = i;
      }
      return codes;
    }
  }
}

// ---- rows ---------------------------------------------------------------------------------------

/** An enterprise as read: id and name stay bytes until someone reads them. */
class ReadRow implements PopulationRow {
  private idText: string | undefined;
  private nameText: string | undefined;
  constructor(
    idText: string | undefined,
    private readonly idBuf: Uint8Array | undefined,
    private readonly idStart: number,
    private readonly idEnd: number,
    nameText: string | undefined,
    private readonly nameBuf: Uint8Array | undefined,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    readonly region: string | undefined,
    readonly facts: Readonly<Record<string, FactValue>>,
    private readonly source: string,
    private readonly line: number,
    readonly engineForm: FactSchema,
    readonly invalid: Error | undefined,
  ) {
    this.idText = idText;
    this.nameText = nameText;
  }

  get id(): string {
    return (this.idText ??= utf8.decode(this.idBuf!.subarray(this.idStart, this.idEnd)));
  }

  get name(): string | undefined {
    if (this.nameText === undefined && this.nameBuf) this.nameText = utf8.decode(this.nameBuf.subarray(this.nameStart, this.nameEnd));
    return this.nameText;
  }

  get field(): string {
    return `${this.source}第${this.line}行`;
  }
}

const SKIP = 0, ID = 1, NAME = 2, REGION = 3, FACT = 4, ITEM = 5;

export interface PopulationReaderOptions {
  /** CSV: the bounds of a field and a record, checked as they are read (CsvParser's). */
  csv?: CsvLimits;
  /** CSV: records with content allowed, the header included; more are refused with tooManyRows(). */
  maxRecords?: number;
  tooManyRows?: () => Error;
}

/**
 * Feed it CSV bytes (pushBytes/endBytes) or table rows (pushCells/endCells); each call returns the
 * enterprises completed so far. An error stops reading: the call returns the enterprises read
 * before it, and throwIfFailed() then raises it, so the batch evaluates them first (as it did
 * when each row was evaluated as soon as it was read).
 */
export class PopulationReader implements CsvRecordSink {
  private readonly tokenizer: CsvTokenizer;
  private readonly maxRecords: number;
  private records = 0;
  private failure: unknown;
  private out: PopulationRow[] = [];
  private readonly seen = new IdSet();
  private readonly arena = new Arena();
  /** Regions as strings, one string per distinct value (a report groups by them). */
  private readonly regions = new Map<number, { bytes: Uint8Array; text: string }[]>();
  private regionCount = 0;

  // Columns, compiled from the header.
  private header = false;
  private kinds = new Uint8Array(0);
  /** FACT: the fact's index in schema order; ITEM: the collection's. */
  private targets = new Int32Array(0);
  /** ITEM: the field's index within its collection's fields. */
  private fieldIndex = new Int32Array(0);
  private idCol = -1;
  private converters: (Converter | undefined)[] = [];
  private names: string[] = [];

  // The schema, in normalizeFacts's order.
  private readonly build: (values: unknown[]) => Readonly<Record<string, FactValue>>;
  private readonly defs: readonly [string, FactDef][];
  private readonly defaults: unknown[];
  /** Per collection index: its item builder, field defs, defaults and field converters. */
  private readonly items: ({ build: (values: unknown[]) => Readonly<Record<string, FactValue>>; defs: readonly [string, FactDef][]; defaults: unknown[]; converters: Converter[]; source: Int32Array; cellsAt: Int32Array; values: unknown[]; touched: boolean } | undefined)[];
  private readonly hasApplicantType: boolean;

  // The enterprise being read.
  private open = false;
  private line = 0;
  private idText: string | undefined;
  private idBuf: Uint8Array | undefined;
  private idStart = 0;
  private idEnd = 0;
  private nameText: string | undefined;
  private nameBuf: Uint8Array | undefined;
  private nameStart = 0;
  private nameEnd = 0;
  private region: string | undefined;
  private values: unknown[];
  private readonly set: Uint8Array;
  /** Raw text of each fact set, for the follow-up rows that must repeat it (bytes, or cells). */
  private readonly rawBuf: (Uint8Array | undefined)[];
  private readonly rawStart: Int32Array;
  private readonly rawEnd: Int32Array;
  private readonly rawCell: Cell[];
  private lists: (unknown[] | undefined)[];
  private error: Error | undefined;
  private errorKey = Infinity;
  /** Collections with a cell in the row being read, in the order of their first cell. */
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** Collections with items in the enterprise being read. */
  private readonly listed: Int32Array;
  private listedCount = 0;
  /** The facts (and name, region) set for the enterprise being read. */
  private readonly setList: Int32Array;
  private setCount = 0;

  constructor(
    private readonly schema: FactSchema,
    private readonly source: string,
    options: PopulationReaderOptions = {},
  ) {
    this.tokenizer = new CsvTokenizer(this, options.csv);
    this.maxRecords = options.maxRecords ?? Infinity;
    this.tooManyRows = options.tooManyRows ?? (() => new Error('too many rows'));
    const { build, defs } = factBuilder(schema.facts);
    this.build = build;
    this.defs = defs;
    this.defaults = defs.map(([, d]) => (d.hasDefault ? d.defaultValue : undefined));
    this.items = defs.map(([, d]) => {
      if (d.type !== 'collection') return undefined;
      const b = factBuilder(d.fields!);
      return {
        build: b.build,
        defs: b.defs,
        defaults: b.defs.map(([, f]) => (f.hasDefault ? f.defaultValue : undefined)),
        converters: b.defs.map(([, f]) => converter(f)),
        source: new Int32Array(b.defs.length).fill(-1),
        cellsAt: new Int32Array(b.defs.length * 2),
        values: new Array<unknown>(b.defs.length),
        touched: false,
      };
    });
    this.hasApplicantType = schema.facts.has('applicant_type');
    const n = defs.length;
    this.values = [...this.defaults];
    this.set = new Uint8Array(n + 2);
    this.rawBuf = new Array<Uint8Array | undefined>(n + 2);
    this.rawStart = new Int32Array(n + 2);
    this.rawEnd = new Int32Array(n + 2);
    this.rawCell = new Array<Cell>(n + 2);
    this.lists = new Array<unknown[] | undefined>(n).fill(undefined);
    this.setList = new Int32Array(n + 2);
    this.touched = new Int32Array(n);
    this.listed = new Int32Array(n);
  }

  private readonly tooManyRows: () => Error;

  pushBytes(chunk: Uint8Array): PopulationRow[] {
    if (this.failure === undefined) {
      try {
        this.tokenizer.push(chunk);
      } catch (e) {
        this.failure = e;
      }
    }
    return this.take();
  }

  endBytes(): PopulationRow[] {
    if (this.failure === undefined) {
      try {
        this.tokenizer.end();
        this.flush();
      } catch (e) {
        this.failure = e;
      }
    }
    return this.take();
  }

  pushCells(cells: readonly Cell[], line: number): void {
    if (this.failure !== undefined) return;
    try {
      this.cellRow(cells, line);
    } catch (e) {
      this.failure = e;
    }
  }

  endCells(): PopulationRow[] {
    if (this.failure === undefined) this.flush();
    return this.take();
  }

  /** Raises the error that stopped reading, once the rows read before it have been taken. */
  throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** The enterprises completed since the last take. */
  take(): PopulationRow[] {
    const rows = this.out;
    if (rows.length) this.out = [];
    return rows;
  }

  // ---- header -----------------------------------------------------------------------------------

  private compile(header: readonly Cell[]): void {
    const cols = columns(header, this.schema, this.source);
    const n = cols.length;
    this.kinds = new Uint8Array(n);
    this.targets = new Int32Array(n);
    this.fieldIndex = new Int32Array(n);
    this.converters = new Array<Converter | undefined>(n);
    this.names = new Array<string>(n);
    const index = new Map(this.defs.map(([name], i) => [name, i]));
    for (let k = 0; k < n; k++) {
      const c = cols[k]!;
      this.kinds[k] = c.kind === 'skip' ? SKIP : c.kind === 'id' ? ID : c.kind === 'name' ? NAME : c.kind === 'region' ? REGION : c.kind === 'fact' ? FACT : ITEM;
      if (c.kind === 'id' && this.idCol < 0) this.idCol = k;
      if (c.kind === 'name' || c.kind === 'region') {
        this.targets[k] = this.defs.length + (c.kind === 'name' ? 0 : 1);
        this.names[k] = c.kind;
      } else if (c.kind === 'fact') {
        const i = index.get(c.name)!;
        this.targets[k] = i;
        this.converters[k] = converter(this.defs[i]![1]);
        this.names[k] = c.name;
      } else if (c.kind === 'item') {
        const i = index.get(c.collection)!;
        this.targets[k] = i;
        this.fieldIndex[k] = this.items[i]!.defs.findIndex(([f]) => f === c.field);
        this.names[k] = c.collection;
      }
    }
    this.header = true;
  }

  // ---- CSV rows ---------------------------------------------------------------------------------

  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number): void {
    if (count === 1 && starts[0] === ends[0]) return; // a blank line
    if (++this.records > this.maxRecords) throw this.tooManyRows();
    if (!this.header) {
      const cells = new Array<string>(count);
      for (let k = 0; k < count; k++) cells[k] = fieldText(buf, starts[k]!, ends[k]!, (flags[k]! & ESCAPED) !== 0);
      this.compile(cells);
      return;
    }
    const kinds = this.kinds;
    const ncol = kinds.length;
    const idCol = this.idCol;
    let is = 0, ie = 0;
    if (idCol < count) {
      is = trimStart(buf, starts[idCol]!, ends[idCol]!);
      ie = trimEnd(buf, is, ends[idCol]!);
    }
    if (is === ie) {
      for (let k = 0; k < count; k++) {
        const s = trimStart(buf, starts[k]!, ends[k]!);
        if (trimEnd(buf, s, ends[k]!) > s) throw tableErrors.missingId(this.source, line);
      }
      return; // every cell blank
    }
    // Content bytes identify an id however it was quoted: a quote inside one is always doubled.
    if (!this.open || !sameBytes(buf, is, ie, this.idBuf!, this.idStart, this.idEnd)) {
      const escaped = (flags[idCol]! & ESCAPED) !== 0;
      this.flush();
      if (!this.seen.addBytes(buf, is, ie)) throw tableErrors.notConsecutive(this.source, line, fieldText(buf, is, ie, escaped));
      this.begin(line);
      if (escaped) this.idText = fieldText(buf, is, ie, true);
      this.idStart = this.arena.keep(buf, is, ie);
      this.idEnd = this.idStart + (ie - is);
      this.idBuf = this.arena.buf;
    }
    for (let k = count; k-- > ncol; ) {
      const s = trimStart(buf, starts[k]!, ends[k]!);
      if (trimEnd(buf, s, ends[k]!) > s) throw this.extraCell(buf, s, trimEnd(buf, s, ends[k]!), (flags[k]! & ESCAPED) !== 0, k, ncol, line);
    }
    const last = count < ncol ? count : ncol;
    for (let k = 0; k < last; k++) {
      const kind = kinds[k]!;
      if (kind === SKIP || kind === ID) continue;
      let s = starts[k]!, e = ends[k]!;
      if (s === e) continue;
      s = trimStart(buf, s, e);
      e = trimEnd(buf, s, e);
      if (s === e) continue;
      const escaped = (flags[k]! & ESCAPED) !== 0;
      if (kind === ITEM) {
        const item = this.items[this.targets[k]!]!;
        const f = this.fieldIndex[k]!;
        if (!item.touched) this.touch(this.targets[k]!);
        item.source[f] = k;
        item.cellsAt[2 * f] = s;
        item.cellsAt[2 * f + 1] = e;
        continue;
      }
      const t = this.targets[k]!;
      if (this.set[t]) {
        if (!sameBytes(buf, s, e, this.rawBuf[t]!, this.rawStart[t]!, this.rawEnd[t]!)) throw tableErrors.differs(this.source, line, this.currentId(), this.names[k]!);
        continue;
      }
      this.set[t] = 1;
      this.setList[this.setCount++] = t;
      // The raw text stays where it is until the tokenizer reuses its buffer (release()).
      this.rawBuf[t] = buf;
      this.rawStart[t] = s;
      this.rawEnd[t] = e;
      if (kind === NAME) {
        const at = this.arena.keep(buf, s, e);
        this.nameBuf = this.rawBuf[t] = this.arena.buf;
        this.nameStart = this.rawStart[t] = at;
        this.nameEnd = this.rawEnd[t] = at + (e - s);
        if (escaped) this.nameText = fieldText(buf, s, e, true);
      } else if (kind === REGION) {
        this.region = escaped ? fieldText(buf, s, e, true) : this.regionText(buf, s, e);
      } else {
        const c = this.converters[k]!;
        const v = escaped ? UNDECIDED : convertBytes(c, buf, s, e);
        this.values[t] = v !== UNDECIDED ? v : this.slow(c, fieldText(buf, s, e, escaped), 'facts', t * 1024 * 256);
      }
    }
    if (this.touchedCount) this.addItems(buf, flags, line);
  }

  /** The enterprise still open keeps the raw text of its facts: copy it out of the tokenizer's buffer. */
  release(): void {
    if (!this.open) return;
    const arena = this.arena;
    for (let n = 0; n < this.setCount; n++) {
      const t = this.setList[n]!;
      const b = this.rawBuf[t]!;
      if (b === this.nameBuf || b === this.idBuf) continue; // already in the arena
      const at = arena.keep(b, this.rawStart[t]!, this.rawEnd[t]!);
      this.rawEnd[t] = at + (this.rawEnd[t]! - this.rawStart[t]!);
      this.rawStart[t] = at;
      this.rawBuf[t] = arena.buf;
    }
  }

  private touch(collection: number): void {
    this.items[collection]!.touched = true;
    this.touched[this.touchedCount++] = collection;
  }

  /** One item per collection with cells in this row, converted field by field in schema order. */
  private addItems(buf: Uint8Array | undefined, flags: Uint8Array | undefined, line: number, cells?: readonly Cell[]): void {
    // In column order of their first cell, as tableToPopulation adds them.
    const touched = this.touched;
    for (let n = 0; n < this.touchedCount; n++) {
      const i = touched[n]!;
      const item = this.items[i]!;
      item.touched = false;
      let list = this.lists[i];
      if (!list) {
        this.lists[i] = list = [];
        this.listed[this.listedCount++] = i;
      }
      if (list.length >= MAX_ITEMS) throw tableErrors.tooManyItems(this.source, line, this.currentId(), this.defs[i]![0]);
      const j = list.length;
      const values = item.values;
      for (let f = 0; f < item.defs.length; f++) {
        const k = item.source[f]!;
        if (k === -1) {
          values[f] = item.defaults[f];
          continue;
        }
        item.source[f] = -1;
        const key = (i * 1024 + j) * 256 + f;
        if (cells) {
          values[f] = this.slowItem(item.defs[f]![1], cellValue(cells[k]), i, j, f, key);
          continue;
        }
        const s = item.cellsAt[2 * f]!, e = item.cellsAt[2 * f + 1]!;
        const escaped = (flags![k]! & ESCAPED) !== 0;
        const v = escaped ? UNDECIDED : convertBytes(item.converters[f]!, buf!, s, e);
        values[f] = v !== UNDECIDED ? v : this.slowItem(item.defs[f]![1], fieldText(buf!, s, e, escaped), i, j, f, key);
      }
      list.push(item.build(values));
    }
    this.touchedCount = 0;
  }

  private slowItem(def: FactDef, value: unknown, i: number, j: number, f: number, key: number): unknown {
    if (key >= this.errorKey) return undefined; // an earlier error is reported anyway
    try {
      return normalizeScalar(def, value, `facts.${this.defs[i]![0]}[${j}]`, this.items[i]!.defs[f]![0]);
    } catch (e) {
      this.keepError(key, e);
      return undefined;
    }
  }

  /** normalizeFacts's converter, its error kept for when the batch reaches this enterprise. */
  private slow(c: Converter, value: unknown, parent: string, key: number): unknown {
    try {
      return normalizeScalar(c.def, value, parent, c.def.name);
    } catch (e) {
      this.keepError(key, e);
      return undefined;
    }
  }

  private keepError(key: number, e: unknown): void {
    if (!(e instanceof Error)) throw e;
    if (key < this.errorKey) {
      this.errorKey = key;
      this.error = e;
    }
  }

  private regionText(buf: Uint8Array, s: number, e: number): string {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    let bucket = this.regions.get(h);
    if (bucket) for (const r of bucket) if (sameBytes(buf, s, e, r.bytes, 0, r.bytes.length)) return r.text;
    const text = utf8.decode(buf.subarray(s, e));
    // A file naming more regions than a report takes is refused by the batch; stop remembering.
    if (this.regionCount < 4096) {
      if (!bucket) this.regions.set(h, (bucket = []));
      bucket.push({ bytes: buf.slice(s, e), text });
      this.regionCount++;
    }
    return text;
  }

  private extraCell(buf: Uint8Array, s: number, e: number, escaped: boolean, k: number, ncol: number, line: number): Error {
    const text = fieldText(buf, s, e, escaped);
    return invalid(`${this.source}第${line}行`, `${this.source} 第${line}行: 第${k + 1}列“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”在表头之外(表头只有 ${ncol} 列;含逗号的内容须整体用引号括起)`);
  }

  // ---- XLSX rows (cells) ------------------------------------------------------------------------

  private cellRow(cells: readonly Cell[], line: number): void {
    if (!this.header) {
      this.compile(cells);
      return;
    }
    if (cells.every(blank)) return;
    const id = String(cells[this.idCol] ?? '').trim();
    if (id === '') throw tableErrors.missingId(this.source, line);
    if (!this.open || id !== this.idText) {
      this.flush();
      if (!this.seen.add(id)) throw tableErrors.notConsecutive(this.source, line, id);
      this.begin(line);
      this.idText = id;
    }
    const kinds = this.kinds;
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k]!;
      if (kind === SKIP || kind === ID) continue;
      const v = cells[k];
      if (blank(v)) continue;
      const text = cellValue(v);
      if (kind === ITEM) {
        const item = this.items[this.targets[k]!]!;
        const f = this.fieldIndex[k]!;
        if (!item.touched) this.touch(this.targets[k]!);
        item.source[f] = k;
        continue;
      }
      const t = this.targets[k]!;
      if (this.set[t]) {
        const prev = this.rawCell[t];
        if (kind === FACT ? String(prev) !== String(text) : prev !== String(text)) throw tableErrors.differs(this.source, line, id, this.names[k]!);
        continue;
      }
      this.set[t] = 1;
      this.setList[this.setCount++] = t;
      if (kind === NAME || kind === REGION) {
        this.rawCell[t] = String(text);
        if (kind === NAME) this.nameText = String(text);
        else this.region = String(text);
      } else {
        this.rawCell[t] = text;
        this.values[t] = this.slow(this.converters[k]!, text, 'facts', t * 1024 * 256);
      }
    }
    if (this.touchedCount) this.addItems(undefined, undefined, line, cells);
  }

  // ---- enterprises ------------------------------------------------------------------------------

  private currentId(): string {
    return (this.idText ??= utf8.decode(this.idBuf!.subarray(this.idStart, this.idEnd)));
  }

  private begin(line: number): void {
    this.open = true;
    this.line = line;
    this.idText = undefined;
    this.idBuf = undefined;
    this.nameText = undefined;
    this.nameBuf = undefined;
    this.region = undefined;
    const values = this.values, defaults = this.defaults, set = this.set, setList = this.setList;
    for (let n = 0; n < this.setCount; n++) {
      const t = setList[n]!;
      set[t] = 0;
      if (t < values.length) values[t] = defaults[t];
    }
    this.setCount = 0;
    const lists = this.lists, listed = this.listed;
    for (let n = 0; n < this.listedCount; n++) {
      const i = listed[n]!;
      lists[i] = undefined;
      values[i] = defaults[i];
    }
    this.listedCount = 0;
    this.error = undefined;
    this.errorKey = Infinity;
  }

  private flush(): void {
    if (!this.open) return;
    this.open = false;
    const values = this.values;
    const lists = this.lists;
    for (let n = 0; n < this.listedCount; n++) values[this.listed[n]!] = lists[this.listed[n]!];
    const facts = this.build(values);
    let error = this.error;
    if (!error && this.hasApplicantType && facts.applicant_type === undefined) error = missingApplicantType();
    this.out.push(new ReadRow(
      this.idText, this.idBuf, this.idStart, this.idEnd,
      this.nameText, this.nameBuf, this.nameStart, this.nameEnd,
      this.region, facts, this.source, this.line, this.schema, error,
    ));
  }
}

const blank = (v: Cell) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const cellValue = (v: Cell) => (typeof v === 'string' ? v.trim() : v);
