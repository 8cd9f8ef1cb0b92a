// The errors an import reports by row and column. A hostile file can hold millions of bad rows:
// the first MAX_ERRORS are listed, the rest only counted, so the report costs bounded memory and
// still says how much is wrong.
export interface RowError {
  row: number;
  column: string;
  message: string;
}

export const MAX_ERRORS = 1000;

export class RowErrors {
  readonly list: RowError[] = [];
  total = 0;
  /** Rows with at least one error (a row's errors are reported together). */
  rows = 0;
  private lastRow = -1;

  push(e: RowError): void {
    this.total++;
    if (e.row !== this.lastRow) {
      this.rows++;
      this.lastRow = e.row;
    }
    if (this.list.length < MAX_ERRORS) this.list.push(e);
  }

  /** The fields a report adds beside its `errors` list. */
  summary(): { errors: RowError[]; errorsTotal: number; errorRows: number; errorsTruncated: boolean } {
    return { errors: this.list, errorsTotal: this.total, errorRows: this.rows, errorsTruncated: this.total > this.list.length };
  }
}
