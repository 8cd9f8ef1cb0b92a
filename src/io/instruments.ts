// Reads the digital-maturity instruments (instruments/<id>.yaml), builds and checks them, and keeps
// them for the life of the process: the files are the source of truth and change only with a
// release. A bad file stops the load with an error naming the file and the line.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import { buildInstrument, INSTRUMENT_IDS } from '../domain/maturity/instrument.ts';
import type { CmmmInstrument, Instrument, InstrumentId, Sme2022Instrument, Sme2024Instrument } from '../domain/maturity/instrument.ts';

export interface InstrumentSet {
  'miit-sme-2024': Sme2024Instrument;
  'miit-sme-2022': Sme2022Instrument;
  'gbt39116-2020': CmmmInstrument;
}

export function defaultInstrumentsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../instruments');
}

export const isInstrumentId = (id: string): id is InstrumentId => (INSTRUMENT_IDS as readonly string[]).includes(id);

/** The line of the deepest node on `path` that exists in the document (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function readInstrument(path: string, shown: string): Instrument {
  if (!existsSync(path)) throw invalid(shown, `缺少评测工具文件 ${shown}`);
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: counter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? (error.pos ? counter.linePos(error.pos[0]).line : undefined);
    throw invalid(`${shown}#line${line ?? '?'}`, `${shown} 第${line ?? '?'}行: YAML 格式错误: ${error.message.split('\n')[0]}`);
  }
  try {
    return buildInstrument(doc.toJS(), shown);
  } catch (e) {
    const where = e instanceof DomainError && e.details && typeof e.details === 'object' ? (e.details as { path?: unknown }).path : undefined;
    if (e instanceof DomainError && Array.isArray(where)) {
      const line = lineOf(doc, counter, where as (string | number)[]);
      if (line !== undefined) throw new DomainError(e.code, `${e.message}(第${line}行)`, e.field, { ...(e.details as object), line });
    }
    throw e;
  }
}

const cache = new Map<string, InstrumentSet>();

/** The three instruments under `dir`, read and checked once per directory. */
export function loadInstruments(dir = defaultInstrumentsDir()): InstrumentSet {
  const key = resolve(dir);
  let set = cache.get(key);
  if (!set) {
    const base = dirname(key);
    const read = <K extends InstrumentId>(id: K): InstrumentSet[K] => {
      const path = join(key, `${id}.yaml`);
      const shown = relative(base, path).split('\\').join('/');
      const instrument = readInstrument(path, shown);
      if (instrument.id !== id) throw invalid(`${shown}#id`, `${shown} id: ${instrument.id} 须与文件名 ${id} 一致`);
      return instrument as InstrumentSet[K];
    };
    set = { 'miit-sme-2024': read('miit-sme-2024'), 'miit-sme-2022': read('miit-sme-2022'), 'gbt39116-2020': read('gbt39116-2020') };
    cache.set(key, set);
  }
  return set;
}

/** One instrument by id; NOT_FOUND for an id that is not one of the three. */
export function getInstrument<K extends InstrumentId>(id: K, dir?: string): InstrumentSet[K];
export function getInstrument(id: string, dir?: string): Instrument;
export function getInstrument(id: string, dir?: string): Instrument {
  if (!isInstrumentId(id)) throw notFound(`未知的评测工具 “${id}”,可用:${INSTRUMENT_IDS.join('、')}`, 'instrument');
  return loadInstruments(dir)[id];
}
