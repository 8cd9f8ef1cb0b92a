// ExcelJS, with its streaming reader fixed for Chinese text. ExcelJS 4.4 decodes every zip chunk on
// its own (utils/parse-sax.js: TextDecoder.decode(chunk) without {stream: true}), so a multi-byte
// character split across two chunks turns into U+FFFD: "独立法人" arrives as "独立法��" a few
// times in every 10,000 rows. We register a corrected parse-sax module in the CommonJS cache before
// ExcelJS loads, so its readers pick it up. Import ExcelJS only from here (ESLint enforces it).
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSDefault from 'exceljs';

const require = createRequire(import.meta.url);
const { SaxesParser } = require('saxes') as { SaxesParser: new () => SaxesLike };

interface SaxesLike {
  on(event: string, fn: (value: unknown) => void): void;
  write(text: string): void;
}

async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: unknown;
  let events: { eventType: string; value: unknown }[] = [];
  parser.on('error', (err) => { error = err; });
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const tail = decoder.end();
  if (tail) {
    parser.write(tail);
    if (error) throw error;
    yield events;
  }
}

const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
if (!require.cache[parseSaxPath]) {
  const mod = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  mod.filename = parseSaxPath;
  mod.loaded = true;
  mod.exports = parseSax;
  require.cache[parseSaxPath] = mod;
}

const ExcelJS = require('exceljs') as typeof ExcelJSDefault;
export default ExcelJS;
