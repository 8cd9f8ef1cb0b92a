// A year's target table (the layout of "2022年扬州市'智改数转'目标"): per scored region the four
// project counts and the coverage rate. Validated here so that every source (the built-in 2022
// table, an Excel import, a JSON file, the database) passes the same checks.
import { invalid } from '../errors.ts';
import type { CountCategory } from './categories.ts';
import { COUNT_CATEGORIES, CATEGORY_INFO } from './categories.ts';
import type { Rational } from './rational.ts';
import { ratio } from './rational.ts';

export interface RegionTargets {
  regionId: string;
  regionName: string;
  retrofit: number;
  cloud: number;
  portrait: number;
  benchmark: number;
  /** Target coverage in basis points of a percent: 40% → 4000 (exact for two decimals). */
  coverageBasisPoints: number;
}

export interface TargetTable {
  year: number;
  /** Where the table comes from, e.g. 扬府发〔2022〕20号 附件2. */
  reference?: string;
  regions: RegionTargets[];
}

export const coverageTarget = (t: RegionTargets): Rational => ratio(t.coverageBasisPoints, 10000);
export const countTarget = (t: RegionTargets, c: CountCategory): number => t[c];

/** Parse "40", 40, "40.5" or "40%" into basis points; at most two decimals. */
export function parsePercentBasisPoints(value: unknown, field: string): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/%$/, '') : '';
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    throw invalid(field, `${field} 须为不超过两位小数的非负百分数,收到 ${JSON.stringify(value)} (percentage expected)`);
  }
  const [int, frac = ''] = text.split('.');
  const bp = Number(int) * 100 + Number(frac.padEnd(2, '0'));
  if (bp <= 0 || bp > 10000) throw invalid(field, `${field} 须大于0且不超过100%,收到 ${text}% (0 < percent ≤ 100)`);
  return bp;
}

/** Checks a target table: a year, at least one region, unique ids, positive integer targets. */
export function validateTargetTable(table: TargetTable, field = 'targets'): TargetTable {
  if (!Number.isInteger(table.year) || table.year < 2000 || table.year > 2100) {
    throw invalid(`${field}.year`, `${field}.year 年度无效:${String(table.year)} (invalid year)`);
  }
  if (table.regions.length === 0) throw invalid(`${field}.regions`, `${table.year}年目标表没有任何地区 (no regions)`);
  const seen = new Set<string>();
  table.regions.forEach((r, i) => {
    const f = `${field}.regions[${i}]`;
    if (!r.regionId) throw invalid(`${f}.regionId`, `${f}.regionId 不能为空 (required)`);
    if (seen.has(r.regionId)) throw invalid(`${f}.regionId`, `地区 ${r.regionId} 在目标表中重复 (duplicate region)`);
    seen.add(r.regionId);
    for (const c of COUNT_CATEGORIES) {
      const v = r[c];
      // A zero target would make the completion rate (完成数 ÷ 目标数) undefined, so the rule
      // could not rank the region; the text sets a positive target for every scored region.
      if (!Number.isSafeInteger(v) || v <= 0) {
        throw invalid(`${f}.${c}`, `${r.regionName || r.regionId} 的${CATEGORY_INFO[c].name}目标须为正整数,收到 ${String(v)} (positive integer expected)`);
      }
    }
    if (!Number.isInteger(r.coverageBasisPoints) || r.coverageBasisPoints <= 0 || r.coverageBasisPoints > 10000) {
      throw invalid(`${f}.coverageBasisPoints`, `${r.regionName || r.regionId} 的覆盖率目标须大于0且不超过100% (0 < percent ≤ 100)`);
    }
  });
  return table;
}
