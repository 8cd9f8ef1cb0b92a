// ExcelJS hands a cell back as a string, number, boolean, Date, rich text, hyperlink or formula
// result depending on how the sheet was typed; imports want the text a person sees.
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((t) => t.text).join('').trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.error) return '';
    // A formula the file holds no result for, or a value of a shape not listed above: no text a
    // person could have seen (never "[object Object]"). Uploads are read by src/io/xlsx-reader.ts,
    // which reports such formulas as errors; this guards the workbooks read with ExcelJS.
    return '';
  }
  return String(value).trim();
}
