// Plain-text tables that line up in a terminal with Chinese text: CJK and full-width
// characters take two columns (curly quotes are ambiguous-width; terminals draw them narrow).
const wide = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6);

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += wide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

const pad = (s: string, width: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

/** `align` per column: 'l' (default) or 'r' for numbers. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c ?? '', widths[i]!, align[i] === 'r')).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
