// A streaming RFC 4180 CSV parser: feed it chunks, get back complete records. Handles quoted
// fields with commas, doubled quotes and line breaks, CRLF/LF line ends and a UTF-8 BOM
// (Excel writes one), so a 1,000,000-row file never has to sit in memory at once. With limits,
// a field or a record can grow no larger than allowed while it is read: an unclosed quote or a
// line of a million commas is refused after a bounded amount of memory, naming its line.
// Batch matching now reads CSV as bytes (csv-bytes.ts, same limits and messages); this string
// parser is the reference the tests hold that reader to, and CsvLimits is shared by both.
import { invalid } from '../errors.ts';

const SPECIAL = /[",\r\n]/g;

export interface CsvLimits {
  cellChars: number;
  columns: number;
  /** The error for a bound passed (the caller names its setting); `where` says which line and column. */
  tooLarge(limit: 'cellChars' | 'columns', where: string): Error;
}

export class CsvParser {
  constructor(private readonly limits?: CsvLimits) {}

  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private started = false;
  private lastWasCR = false;
  /** 1-based line on which the record being read started. */
  private line = 1;
  private recordLine = 1;

  push(chunk: string): { cells: string[]; line: number }[] {
    const out: { cells: string[]; line: number }[] = [];
    let s = chunk;
    if (!this.started) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    for (let i = 0; i < s.length; i++) {
      // Outside quotes, copy a run of ordinary characters in one slice instead of char by char.
      if (!this.inQuotes && !this.lastWasCR) {
        SPECIAL.lastIndex = i;
        const hit = SPECIAL.exec(s);
        const stop = hit ? hit.index : s.length;
        if (stop > i) {
          this.field += s.slice(i, stop);
          i = stop - 1;
          continue;
        }
      }
      const ch = s[i]!;
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (ch === '\n') continue;
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (ch === '"') { this.field += '"'; continue; }
          this.inQuotes = false;
        } else if (ch === '"') { this.quoteSeen = true; continue; }
        else {
          if (ch === '\n') this.line++;
          this.field += ch;
          continue;
        }
      }
      if (ch === '"' && this.field === '') { this.inQuotes = true; continue; }
      if (ch === ',') { this.endField(); continue; }
      if (ch === '\n' || ch === '\r') {
        this.lastWasCR = ch === '\r';
        this.endField();
        out.push({ cells: this.record, line: this.recordLine });
        this.record = [];
        this.line++;
        this.recordLine = this.line;
        continue;
      }
      this.field += ch;
    }
    this.checkField();
    return out;
  }

  end(): { cells: string[]; line: number }[] {
    if (this.inQuotes && !this.quoteSeen) throw this.unclosedQuote();
    if (this.field === '' && this.record.length === 0) return [];
    this.endField();
    const last = { cells: this.record, line: this.recordLine };
    this.record = [];
    this.field = '';
    return [last];
  }

  private endField(): void {
    this.checkField();
    this.record.push(this.field);
    this.field = '';
    if (this.limits && this.record.length > this.limits.columns) {
      throw this.limits.tooLarge('columns', `CSV 第${this.recordLine}行`);
    }
  }

  private checkField(): void {
    if (!this.limits || this.field.length <= this.limits.cellChars) return;
    // Inside quotes a field this long is nearly always a quote that was never closed.
    if (this.inQuotes) throw this.unclosedQuote(`,或引号内的内容超过 ${this.limits.cellChars.toLocaleString('en')} 字`);
    throw this.limits.tooLarge('cellChars', `CSV 第${this.recordLine}行第${this.record.length + 1}列`);
  }

  private unclosedQuote(orTooLong = ''): Error {
    return invalid(`第${this.recordLine}行`, `CSV 第${this.recordLine}行第${this.record.length + 1}列:引号未闭合${orTooLong}(以引号开始的字段须以引号结束,字段内的引号须写成两个 "")`);
  }
}
