// A streaming RFC 4180 CSV parser: feed it chunks, get back complete records. Handles quoted
// fields with commas, doubled quotes and line breaks, CRLF/LF line ends and a UTF-8 BOM
// (Excel writes one), so a 1,000,000-row file never has to sit in memory at once.
const SPECIAL = /[",\r\n]/g;

export class CsvParser {
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
      if (ch === ',') { this.record.push(this.field); this.field = ''; continue; }
      if (ch === '\n' || ch === '\r') {
        this.lastWasCR = ch === '\r';
        this.record.push(this.field);
        this.field = '';
        out.push({ cells: this.record, line: this.recordLine });
        this.record = [];
        this.line++;
        this.recordLine = this.line;
        continue;
      }
      this.field += ch;
    }
    return out;
  }

  end(): { cells: string[]; line: number }[] {
    if (this.inQuotes && !this.quoteSeen) throw new Error(`CSV 第${this.recordLine}行: 引号未闭合`);
    if (this.field === '' && this.record.length === 0) return [];
    this.record.push(this.field);
    const last = { cells: this.record, line: this.recordLine };
    this.record = [];
    this.field = '';
    return [last];
  }
}
