// Hostile and broken workbooks, built by hand so that a file of a few megabytes can unpack to
// gigabytes. A block of XML is deflated once with a full flush (byte-aligned, dictionary reset), so
// the compressed block can be repeated any number of times and closed with an empty final block:
// 10 million rows cost one compression of one block. Sizes in the zip are honest unless a test
// asks for a lie (`declaredSize`).
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface Content {
  /** Raw deflate data (method 8). */
  deflated: Buffer;
  size: number;
  crc: number;
}

export interface Part {
  name: string;
  content: Content | string | Buffer;
  /** The uncompressed size the central directory claims, when it should lie. */
  declaredSize?: number;
}

/** head + block × times + tail, deflated; the block is compressed once. */
export function repeated(head: string, block: string, times: number, tail: string): Content {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const h = Buffer.from(head);
  const b = Buffer.from(block);
  const t = Buffer.from(tail);
  const hb = deflateRawSync(h, flush);
  const bb = deflateRawSync(b, flush);
  const tb = deflateRawSync(t);
  let crc = crc32(h);
  for (let i = 0; i < times; i++) crc = crc32(b, crc);
  crc = crc32(t, crc);
  const parts = [hb];
  for (let i = 0; i < times; i++) parts.push(bb);
  parts.push(tb);
  return { deflated: Buffer.concat(parts), size: h.length + b.length * times + t.length, crc: crc >>> 0 };
}

export function deflated(text: string | Buffer): Content {
  const data = Buffer.from(text);
  return { deflated: deflateRawSync(data), size: data.length, crc: crc32(data) >>> 0 };
}

/** A zip archive of the parts (deflated), with a central directory. */
export function zipFile(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const c = typeof part.content === 'string' || Buffer.isBuffer(part.content) ? deflated(part.content) : part.content;
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? c.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(c.crc, 14);
    local.writeUInt32LE(c.deflated.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, c.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(c.crc, 16);
    central.writeUInt32LE(c.deflated.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + c.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet workbook around the given sheet (and shared strings). */
export function workbookParts(sheet: Part['content'] | null, options: { shared?: Part['content']; sheetDeclared?: number; sharedDeclared?: number; workbookXml?: string } = {}): Part[] {
  const parts: Part[] = [
    { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', content: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', content: options.workbookXml ?? `<?xml version="1.0"?><workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', content: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>` },
  ];
  if (options.shared) parts.push({ name: 'xl/sharedStrings.xml', content: options.shared, ...(options.sharedDeclared !== undefined && { declaredSize: options.sharedDeclared }) });
  if (sheet) parts.push({ name: 'xl/worksheets/sheet1.xml', content: sheet, ...(options.sheetDeclared !== undefined && { declaredSize: options.sheetDeclared }) });
  return parts;
}

const cell = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
export const SHEET_HEAD = `<?xml version="1.0"?><worksheet ${NS}><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** The enterprise import's header row (row 1). */
export function headerRow(headers: readonly string[]): string {
  return `<row r="1">${headers.map(cell).join('')}</row>`;
}

/**
 * The issue's file: millions of rows that are all invalid (a bad USCC, an unknown region), rows
 * and cells without references so one block repeats. `rows` rows in blocks of 100.
 */
export function invalidRowsSheet(headers: readonly string[], rows: number): Content {
  const row = `<row>${cell('不是信用代码')}${cell('某某公司')}${cell('火星区')}${cell('C')}${cell('也许')}</row>`;
  return repeated(SHEET_HEAD + headerRow(headers), row.repeat(100), Math.ceil(rows / 100), SHEET_TAIL);
}

/** `count` shared strings of one character each (the 5 MB file with 45 million shared strings). */
export function sharedStringsBomb(count: number, declareCount = false): Content {
  const head = `<?xml version="1.0"?><sst ${NS}${declareCount ? ` uniqueCount="${count}"` : ''}>`;
  return repeated(head, '<si><t>x</t></si>'.repeat(1000), Math.ceil(count / 1000), '</sst>');
}
