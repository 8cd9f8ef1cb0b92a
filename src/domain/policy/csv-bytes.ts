// A byte-level RFC 4180 CSV tokenizer for the million-row batch: it reads UTF-8 chunks as bytes and
// hands each complete record to a sink as field offsets into a buffer, so no string is made for a
// field nobody turns into one (the converters of population-reader.ts read most fields as bytes).
// Quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF and CR end a record; a
// UTF-8 BOM is skipped. A character split across two chunks is whole again because the unfinished
// record is carried over as bytes. It is stricter than CsvParser (csv.ts) in one way: a quote in
// the middle of an unquoted field, or anything but a comma or line end after a closing quote, is an
// error naming its line and column, never silently kept. The limits are those of CsvParser, with
// the same messages: a field or a record can grow no larger than allowed while it is read.
import { invalid } from '../errors.ts';
import type { CsvLimits } from './csv.ts';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** The bytes that end an unquoted run: comma, quote, CR, LF. */
const SPECIAL = new Uint8Array(256);
SPECIAL[COMMA] = SPECIAL[QUOTE] = SPECIAL[CR] = SPECIAL[LF] = 1;

/** Field flags. */
export const QUOTED = 1;
/** A quoted field holding a doubled quote: its bytes read `""` where the text has `"`. */
export const ESCAPED = 2;

/**
 * Receives each record while its bytes are valid: field k is `buf[starts[k], ends[k])` (inside the
 * quotes for a quoted field), `flags[k]` says whether it was quoted or needs its quotes undoubled.
 * The arrays are reused for the next record.
 */
export interface CsvRecordSink {
  record(buf: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, count: number, line: number): void;
  /** Called before the bytes of the records handed on are overwritten: copy out what must stay. */
  release(): void;
}

// Scanner states.
const FIELD = 0; // in an unquoted field (or at its start)
const IN_QUOTES = 1;
const QUOTE_IN_QUOTES = 2; // just after a quote inside quotes: the closing one, or the first of a pair

/** UTF-16 length (what String#length counts) of the UTF-8 bytes buf[start, end). */
export function utf16Length(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

export class CsvTokenizer {
  /** Bytes not yet handed on: [0, len) holds the unfinished record's bytes once a push ends. */
  private buf = new Uint8Array(0);
  private len = 0;
  private starts: Int32Array;
  private ends: Int32Array;
  private flags: Uint8Array;
  private count = 0;
  private state = FIELD;
  private fieldStart = 0;
  private fieldFlags = 0;
  private skipLF = false;
  private started = false;
  private line = 1;
  private recordLine = 1;

  constructor(
    private readonly sink: CsvRecordSink,
    private readonly limits?: CsvLimits,
  ) {
    const n = limits ? limits.columns + 1 : 64;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.flags = new Uint8Array(n);
  }

  push(chunk: Uint8Array): void {
    this.append(chunk);
    if (!this.started) {
      // A BOM is three bytes; wait for them (end() takes whatever arrived).
      if (this.len < 3) return;
      this.skipBom();
    }
    this.scan(false);
  }

  end(): void {
    if (!this.started) this.skipBom();
    this.scan(true);
  }

  private skipBom(): void {
    this.started = true;
    const b = this.buf;
    if (this.len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      b.copyWithin(0, 3, this.len);
      this.len -= 3;
    }
  }

  private append(chunk: Uint8Array): void {
    const need = this.len + chunk.length;
    // (release() ran at the end of the last scan: nothing handed on points into buf any more.)
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2, 1 << 16));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len = need;
  }

  /** Scans from where the last push stopped; keeps the unfinished record at the front of buf. */
  private scan(final: boolean): void {
    const buf = this.buf;
    const len = this.len;
    let state = this.state;
    let fieldStart = this.fieldStart;
    // The unfinished record was moved to the front at the end of the last push.
    let recordStart = 0;
    let i = this.resume;
    if (this.skipLF && i < len) {
      // The last chunk ended in CR: an LF opening this one belongs to it.
      this.skipLF = false;
      if (buf[i] === LF) fieldStart = recordStart = ++i;
    }
    while (i < len) {
      if (state === FIELD) {
        while (i < len && SPECIAL[buf[i]!] === 0) i++;
        if (i === len) break;
        const b = buf[i]!;
        if (b === COMMA) {
          this.endField(buf, fieldStart, i);
          fieldStart = ++i;
        } else if (b === QUOTE) {
          if (i !== fieldStart) throw this.strayQuote(buf, fieldStart, i);
          state = IN_QUOTES;
          this.fieldFlags = QUOTED;
          i++;
        } else {
          this.endField(buf, fieldStart, i);
          i = this.endRecord(buf, i);
          fieldStart = recordStart = i;
        }
      } else if (state === IN_QUOTES) {
        // Most of a quoted field is ordinary bytes: run to the next quote, counting line breaks.
        while (i < len) {
          const c = buf[i]!;
          if (c === QUOTE) break;
          if (c === LF) this.line++;
          i++;
        }
        if (i < len) {
          state = QUOTE_IN_QUOTES;
          i++;
        }
      } else {
        // QUOTE_IN_QUOTES: a second quote is an escaped one; anything else follows the closing quote.
        const b = buf[i]!;
        if (b === QUOTE) {
          this.fieldFlags |= ESCAPED;
          state = IN_QUOTES;
          i++;
        } else if (b === COMMA) {
          this.endField(buf, fieldStart + 1, i - 1);
          state = FIELD;
          fieldStart = ++i;
        } else if (b === LF || b === CR) {
          this.endField(buf, fieldStart + 1, i - 1);
          state = FIELD;
          i = this.endRecord(buf, i);
          fieldStart = recordStart = i;
        } else throw this.afterQuote();
      }
    }
    if (final) {
      if (state === IN_QUOTES) throw this.unclosedQuote();
      if (state === QUOTE_IN_QUOTES) {
        this.endField(buf, fieldStart + 1, len - 1);
        this.emit(buf);
      } else if (this.count > 0 || fieldStart < len) {
        this.endField(buf, fieldStart, len);
        this.emit(buf);
      }
      this.state = FIELD;
      this.len = this.resume = this.fieldStart = 0;
      return;
    }
    // An unfinished field may grow no larger than a cell (inside quotes that is nearly always a
    // quote never closed); it is checked here, as it grows, and again when it ends.
    const limits = this.limits;
    if (limits) {
      const from = state === FIELD ? fieldStart : fieldStart + 1;
      const to = state === QUOTE_IN_QUOTES ? len - 1 : len;
      if (to - from > limits.cellChars && this.chars(buf, from, to) > limits.cellChars) {
        if (state !== FIELD) throw this.unclosedQuote(`,或引号内的内容超过 ${limits.cellChars.toLocaleString('en')} 字`);
        throw limits.tooLarge('cellChars', this.where());
      }
    }
    // Move the unfinished record to the front, for the next chunk to be appended to.
    this.sink.release();
    if (recordStart > 0) {
      buf.copyWithin(0, recordStart, len);
      for (let k = 0; k < this.count; k++) {
        this.starts[k]! -= recordStart;
        this.ends[k]! -= recordStart;
      }
      fieldStart -= recordStart;
    }
    this.len = this.resume = len - recordStart;
    this.fieldStart = fieldStart;
    this.state = state;
  }

  /** Ends the record at the line break at i; returns where the next record starts. */
  private endRecord(buf: Uint8Array, i: number): number {
    this.emit(buf);
    this.line++;
    this.recordLine = this.line;
    if (buf[i] === CR) {
      if (i + 1 < this.len) {
        if (buf[i + 1] === LF) i++;
      } else this.skipLF = true;
    }
    return i + 1;
  }

  /** Where scanning continues in buf on the next push. */
  private resume = 0;

  /** The text length of a field's content, as CsvParser counts it (a doubled quote is one). */
  private chars(buf: Uint8Array, start: number, end: number): number {
    let n = utf16Length(buf, start, end);
    if (this.fieldFlags & ESCAPED) for (let i = start; i < end; i++) if (buf[i] === QUOTE) n -= 0.5;
    return Math.ceil(n);
  }

  private endField(buf: Uint8Array, start: number, end: number): void {
    const k = this.count;
    const limits = this.limits;
    if (limits) {
      if (end - start > limits.cellChars && this.chars(buf, start, end) > limits.cellChars) {
        throw limits.tooLarge('cellChars', `CSV 第${this.recordLine}行第${k + 1}列`);
      }
      if (k + 1 > limits.columns) throw limits.tooLarge('columns', `CSV 第${this.recordLine}行`);
    } else if (k === this.starts.length) this.growFields();
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = this.fieldFlags;
    this.fieldFlags = 0;
    this.count = k + 1;
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n), e = new Int32Array(n), f = new Uint8Array(n);
    s.set(this.starts);
    e.set(this.ends);
    f.set(this.flags);
    this.starts = s;
    this.ends = e;
    this.flags = f;
  }

  private emit(buf: Uint8Array): void {
    this.sink.record(buf, this.starts, this.ends, this.flags, this.count, this.recordLine);
    this.count = 0;
  }

  private where(): string {
    return `CSV 第${this.recordLine}行第${this.count + 1}列`;
  }

  private unclosedQuote(orTooLong = ''): Error {
    return invalid(`第${this.recordLine}行`, `${this.where()}:引号未闭合${orTooLong}(以引号开始的字段须以引号结束,字段内的引号须写成两个 "")`);
  }

  private afterQuote(): Error {
    return invalid(`第${this.recordLine}行`, `${this.where()}:引号括起的字段在结束引号之后还有字符(结束引号后须紧跟逗号或换行;字段内的引号须写成两个 "")`);
  }

  private strayQuote(buf: Uint8Array, fieldStart: number, at: number): Error {
    const before = new TextDecoder().decode(buf.subarray(fieldStart, at));
    return invalid(`第${this.recordLine}行`, `${this.where()}:未加引号的字段中间出现引号(“${before}"…”;含引号、逗号或换行的字段须整体用引号括起,字段内的引号写成两个 "")`);
  }
}
