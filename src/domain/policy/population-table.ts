// A population as a table (CSV or the first sheet of an XLSX): one row per enterprise, or
// several consecutive rows for one enterprise with several projects. Columns: `id` (required),
// `name`, `region`, then fact names (`platform_level`, `recognitions` with codes separated by
// ; or 、) and item columns `<collection>.<field>` (`projects.annual_investment`). A row whose
// item columns for a collection are not all blank contributes one item to that collection;
// the enterprise columns may be left blank on the follow-up rows.
import { invalid } from '../errors.ts';
import type { PopulationRow } from './batch.ts';
import { IdSet } from './id-set.ts';
import type { FactSchema } from './types.ts';

export type Cell = string | number | boolean | null | undefined;

export type Column =
  | { kind: 'id' | 'name' | 'region' | 'skip' }
  | { kind: 'fact'; name: string }
  | { kind: 'item'; collection: string; field: string };

const META: Record<string, 'id' | 'name' | 'region'> = {
  id: 'id', 企业编号: 'id', uscc: 'id', 统一社会信用代码: 'id',
  name: 'name', 企业名称: 'name', 名称: 'name',
  region: 'region', 地区: 'region', 所在地区: 'region',
};

/** The columns of a header row; an unknown column or a header without id is refused. */
export function columns(header: readonly Cell[], facts: FactSchema, source: string): Column[] {
  const cols = header.map((h, i): Column => {
    const name = String(h ?? '').trim();
    if (name === '') return { kind: 'skip' };
    if (META[name]) return { kind: META[name] };
    const dot = name.indexOf('.');
    if (dot > 0) {
      const collection = name.slice(0, dot), field = name.slice(dot + 1);
      const def = facts.facts.get(collection);
      if (def?.type === 'collection' && def.fields?.has(field)) return { kind: 'item', collection, field };
    } else {
      const def = facts.facts.get(name);
      if (def && def.type !== 'collection') return { kind: 'fact', name };
    }
    throw invalid(`${source}#列${i + 1}`, `${source} 第${i + 1}列“${name}”: 未知列名(可用:id、name、region、事实名或“集合.字段”,见 policies/facts.yaml)`);
  });
  if (!cols.some((c) => c.kind === 'id')) throw invalid(`${source}#表头`, `${source}: 表头缺少 id 列(企业编号或统一社会信用代码)`);
  return cols;
}

/** Items (rows) of one collection of one enterprise: projects of a year, far fewer in practice. */
export const MAX_ITEMS = 1000;

/** The errors of a table's rows, shared with the converting reader (population-reader.ts). */
export const tableErrors = {
  missingId: (source: string, line: number) => invalid(`${source}第${line}行.id`, `${source} 第${line}行: 缺少 id`),
  notConsecutive: (source: string, line: number, id: string) =>
    invalid(`${source}第${line}行.id`, `${source} 第${line}行: 企业 ${id} 的行不连续(同一企业的多行须相邻)`),
  /** `what` is name, region or a fact name. */
  differs: (source: string, line: number, id: string, what: string) =>
    invalid(`${source}第${line}行.${what}`, `${source} 第${line}行: 企业 ${id} 的 ${what} 与前一行不一致`),
  tooManyItems: (source: string, line: number, id: string, collection: string) =>
    invalid(`${source}第${line}行.${collection}`, `${source} 第${line}行: 企业 ${id} 的 ${collection} 超过 ${MAX_ITEMS} 项(每项一行)`),
};

const blank = (v: Cell) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

interface Group {
  id: string;
  name?: string;
  region?: string;
  facts: Record<string, unknown>;
  line: number;
}

export async function* tableToPopulation(records: AsyncIterable<{ cells: readonly Cell[]; line: number }>, facts: FactSchema, source: string): AsyncGenerator<PopulationRow> {
  let cols: Column[] | undefined;
  let group: Group | undefined;
  const seen = new IdSet();
  const flush = (g: Group): PopulationRow => ({
    id: g.id,
    ...(g.name !== undefined && { name: g.name }),
    ...(g.region !== undefined && { region: g.region }),
    facts: g.facts,
    field: `${source}第${g.line}行`,
  });
  for await (const { cells, line } of records) {
    if (!cols) {
      cols = columns(cells, facts, source);
      continue;
    }
    if (cells.every(blank)) continue;
    const idCol = cols.findIndex((c) => c.kind === 'id');
    const id = String(cells[idCol] ?? '').trim();
    if (id === '') throw tableErrors.missingId(source, line);
    if (!group || group.id !== id) {
      if (group) yield flush(group);
      // Rows of one enterprise must be consecutive, or the file would need to be held whole.
      if (!seen.add(id)) throw tableErrors.notConsecutive(source, line, id);
      group = { id, facts: {}, line };
    }
    const items = new Map<string, Record<string, Cell>>();
    // A loop rather than forEach: see normalize-facts.ts on closures in per-row code.
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const v = cells[i];
      if (blank(v)) continue;
      const text = typeof v === 'string' ? v.trim() : v;
      if (c.kind === 'name' || c.kind === 'region') {
        const prev = group[c.kind];
        if (prev !== undefined && prev !== String(text)) throw tableErrors.differs(source, line, id, c.kind);
        group[c.kind] = String(text);
      } else if (c.kind === 'fact') {
        const prev = group.facts[c.name];
        if (prev !== undefined && String(prev) !== String(text)) throw tableErrors.differs(source, line, id, c.name);
        group.facts[c.name] = text;
      } else if (c.kind === 'item') {
        let item = items.get(c.collection);
        if (!item) items.set(c.collection, (item = {}));
        item[c.field] = text;
      }
    }
    for (const [collection, item] of items) {
      const list = (group.facts[collection] ??= []) as unknown[];
      // One enterprise's rows are held until the next begins: a bound keeps that memory flat.
      if (list.length >= MAX_ITEMS) throw tableErrors.tooManyItems(source, line, id, collection);
      list.push(item);
    }
  }
  if (group) yield flush(group);
}

/** JSON: an array of rows, or { enterprises: [...] }; a row is { id, name?, region?, facts } or flat. */
export function* jsonToPopulation(data: unknown, source: string): Generator<PopulationRow> {
  const list = Array.isArray(data) ? data : (data as { enterprises?: unknown; rows?: unknown })?.enterprises ?? (data as { rows?: unknown })?.rows;
  if (!Array.isArray(list)) throw invalid(source, `${source}: 须为企业数组,或包含 enterprises 数组的对象`);
  for (let i = 0; i < list.length; i++) {
    const field = `rows[${i}]`;
    const raw = list[i] as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null) throw invalid(field, `${field}: 须为对象`);
    const { id, name, region, facts, ...rest } = raw;
    if (typeof id !== 'string' && typeof id !== 'number') throw invalid(`${field}.id`, `${field}.id: 缺少企业编号 id`);
    yield {
      id: String(id),
      ...(typeof name === 'string' && { name }),
      ...(typeof region === 'string' && { region }),
      facts: facts ?? rest,
      field,
    };
  }
}
