import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../lib/exceljs.ts';
import { DomainError } from '../errors.ts';
import { evaluateBatch, runScenarios, whatIf, type PopulationRow } from './batch.ts';
import { comparePolicies } from './compare.ts';
import { CsvParser } from './csv.ts';
import { evaluatePolicy } from './evaluate.ts';
import { fenToYuan } from './format.ts';
import { findPolicy } from './find.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { tableToPopulation } from './population-table.ts';
import { readPopulation } from '../../io/read-population.ts';
import { factsArb } from './test-arbitraries.ts';

const lib = policyLibrary();
const yangzhou = findPolicy(lib, 'yangzhou-2022-20');
const suzhou = findPolicy(lib, 'suzhou-2020');
const REGIONS = ['yz-baoying', 'yz-gaoyou', 'yz-jiangdu'];

/** Random enterprises in API form: money in 元 strings, as a caller would send them. */
function population(n: number, seed: number): PopulationRow[] {
  const facts = fc.sample(factsArb(lib), { numRuns: n, seed });
  const toYuan = (v: unknown, def: string) => (def === 'money' ? `${fenToYuan(v as number)}元` : v);
  return facts.map((f, i) => {
    const raw: Record<string, unknown> = {};
    for (const [name, def] of lib.facts.facts) {
      if (def.type === 'collection') {
        raw[name] = (f[name] as Record<string, unknown>[]).map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toYuan(v, def.fields!.get(k)!.type)])));
      } else raw[name] = toYuan(f[name], def.type);
    }
    // Keep amounts within exact range: the absurd 90-million-talent case is tested elsewhere.
    raw.flexible_talents = Number(raw.flexible_talents) % 5;
    return { id: `E${i}`, region: REGIONS[i % 3]!, facts: raw, field: `rows[${i}]` };
  });
}

describe('batch totals', () => {
  it('equal the sums of single evaluations, by measure, payer and region', async () => {
    const rows = population(300, 7);
    for (const [policy, date] of [[yangzhou, '2023-06-01'], [suzhou, '2022-06-01']] as const) {
      const report = await evaluateBatch(policy, rows, { date, matchesLimit: 1000 });
      const singles = rows.map((r) => evaluatePolicy(policy, { facts: r.facts, date }));
      expect(report.enterprises).toBe(300);
      expect(report.entitled).toBe(singles.filter((s) => s.eligibleCount > 0).length);
      policy.money.forEach((m, k) => {
        const per = singles.map((s) => s.measures[k]!).filter((x) => x.eligible);
        expect(report.measures[k]!.eligible).toBe(per.length);
        expect(report.measures[k]!.min).toBe(per.reduce((a, x) => a + x.amount.min, 0));
        expect(report.measures[k]!.max).toBe(per.some((x) => x.amount.max === null) ? null : per.reduce((a, x) => a + x.amount.max!, 0));
      });
      for (const payer of ['city', 'county', 'shared'] as const) {
        expect(report.byPayer[payer].min).toBe(singles.reduce((a, s) => a + s.byPayer[payer].min, 0));
      }
      const region = report.byRegion.find((r) => r.region === 'yz-gaoyou')!;
      expect(region.enterprises).toBe(100);
      expect(region.min).toBe(singles.filter((_, i) => i % 3 === 1).reduce((a, s) => a + s.total.min, 0));
      expect(report.matches!.length).toBe(report.entitled);
    }
  });

  it('name the row and field of bad input', async () => {
    const rows: PopulationRow[] = [
      { id: 'A', facts: { applicant_type: 'enterprise' }, field: 'rows[0]' },
      { id: 'B', facts: { applicant_type: 'enterprise', platform_level: 'provincial' }, field: 'rows[1]' },
    ];
    const err = await evaluateBatch(yangzhou, rows, { date: '2023-06-01' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).field).toBe('rows[1].facts.platform_annual_investment');
  });

  it('count yearly quotas: 50 eligible factories against 40 free diagnoses', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: `F${i}`, facts: { applicant_type: 'enterprise', independent_legal_person: true, diagnosis_factory: true }, field: `rows[${i}]` }));
    const report = await evaluateBatch(suzhou, rows, { date: '2022-06-01' });
    const factory = report.measures.find((m) => m.id === 'diagnosis-factory-free')!;
    expect(factory.eligible).toBe(50);
    expect(factory.max).toBe(50 * 20_000_000);
    expect(factory.quota).toEqual({ value: 40, exceeded: true, minWithinQuota: 0, maxWithinQuota: 40 * 20_000_000 });
  });
});

describe('what-if', () => {
  it('reports the budget impact of raising the 二(一) cap from 600万 to 800万', async () => {
    const rows = [3000, 5000, 6000, 8000, 1000].map((wan, i) => ({ id: `P${i}`, facts: { applicant_type: 'enterprise', projects: [{ annual_investment: `${wan}万元` }] }, field: `rows[${i}]` }));
    const r = await whatIf(yangzhou, rows, { date: '2023-06-01', overrides: { 'smart_retrofit.cap': '800万元' } });
    const retrofit = r.measures.find((m) => m.id === 'smart-retrofit')!;
    // 13%: 390万, 650万→600万|650万, 780万→600万|780万, 1040万→600万|800万, below threshold.
    expect(retrofit.max).toEqual({ base: 390e6 + 3 * 600e6, scenario: 390e6 + 650e6 + 780e6 + 800e6, delta: 50e6 + 180e6 + 200e6 });
    expect(retrofit.eligible).toEqual({ base: 4, scenario: 4, delta: 0 });
    expect(r.total.max.delta).toBe(430e6);
    expect(r.measures.filter((m) => m.id !== 'smart-retrofit').every((m) => m.max.delta === 0)).toBe(true);
    expect(r.scenario.overrides).toEqual([expect.objectContaining({ name: 'smart_retrofit.cap', value: '800万元', original: '600万元' })]);
  });

  it('evaluates several policies over one population in a single pass', async () => {
    const rows = [{ id: 'X', facts: { applicant_type: 'enterprise', independent_legal_person: true, diagnosis_factory: true }, field: 'rows[0]' }];
    const [a, b] = await runScenarios([{ policy: yangzhou }, { policy: suzhou }], rows, { date: '2023-06-01' });
    expect(a!.total).toEqual({ min: 20_000_000, max: 20_000_000 });
    expect(b!.total).toEqual({ min: 0, max: 20_000_000 });
  });
});

describe('comparison', () => {
  it('puts the same facts under both cities side by side by topic', () => {
    const r = comparePolicies([yangzhou, suzhou], {
      applicant_type: 'enterprise',
      independent_legal_person: true,
      projects: [{ annual_investment: '3000万元', loan_via_platform: true, loan_amount: '1000万元' }],
      diagnosis_factory: true,
    }, '2023-06-01');
    const retrofit = r.rows.find((x) => x.topic === 'smart_retrofit')!;
    expect(retrofit.cells[0]!.measures.map((m) => m.id)).toEqual(['smart-retrofit']);
    expect(retrofit.cells[0]!.subtotal).toEqual({ min: 0, max: 390_000_000 });
    expect(retrofit.cells[1]!.measures.map((m) => m.id)).toEqual(['loan-interest-city', 'loan-interest-county']);
    expect(retrofit.cells[1]!.subtotal).toEqual({ min: 20_000_000, max: null });
    const diagnosis = r.rows.find((x) => x.topic === 'diagnosis')!;
    expect(diagnosis.cells.map((c) => c.subtotal)).toEqual([{ min: 20_000_000, max: 20_000_000 }, { min: 0, max: 20_000_000 }]);
  });
});

describe('population files', () => {
  const csv = [
    'id,name,region,applicant_type,independent_legal_person,recognitions,projects.annual_investment,projects.loan_via_platform,projects.loan_amount',
    'E1,甲公司,yz-jiangdu,enterprise,是,national_pilot_smart_manufacturing;provincial_smart_factory,3000万元,是,1000万元',
    'E1,,,,,,2500万元,,',
    'E2,"乙公司,有限",yz-baoying,企业,否,,,,',
  ].join('\r\n');

  async function* records(text: string, chunk: number) {
    const p = new CsvParser();
    for (let i = 0; i < text.length; i += chunk) yield* p.push(text.slice(i, i + chunk));
    yield* p.end();
  }

  it('groups consecutive rows of one enterprise into one case with several projects', async () => {
    const rows: PopulationRow[] = [];
    for await (const r of tableToPopulation(records(csv, 7), lib.facts, 'pop.csv')) rows.push(r);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: 'E1', name: '甲公司', region: 'yz-jiangdu', field: 'pop.csv第2行' });
    expect((rows[0]!.facts as { projects: unknown[] }).projects).toEqual([
      { annual_investment: '3000万元', loan_via_platform: '是', loan_amount: '1000万元' },
      { annual_investment: '2500万元' },
    ]);
    const r = evaluatePolicy(yangzhou, { facts: rows[0]!.facts, date: '2023-06-01' });
    expect(r.measures.find((m) => m.id === 'smart-retrofit')!.amount).toEqual({ min: 0, max: 390_000_000 + 325_000_000 });
    expect(rows[1]!.name).toBe('乙公司,有限');
  });

  it('refuses an unknown column and non-consecutive rows of one enterprise', async () => {
    const bad = async (text: string) => {
      try {
        for await (const _ of tableToPopulation(records(text, 100), lib.facts, 'pop.csv')) { /* drain */ }
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a refusal');
    };
    expect((await bad('id,investment\nE1,5')).field).toBe('pop.csv#列2');
    expect((await bad('id,applicant_type\nE1,enterprise\nE2,enterprise\nE1,enterprise')).message).toContain('不连续');
  });

  it('reads CSV and XLSX files into the same cases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zgsz-pop-'));
    writeFileSync(join(dir, 'pop.csv'), `\ufeff${csv}`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    const table = csv.split('\r\n').map((line) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.slice(0, 9).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
    for (const row of table) ws.addRow(row.map((c) => (c === '' ? null : c)));
    await wb.xlsx.writeFile(join(dir, 'pop.xlsx'));
    const read = async (file: string) => {
      const out: unknown[] = [];
      for await (const r of readPopulation(join(dir, file), lib.facts)) out.push({ id: r.id, facts: r.facts });
      return out;
    };
    const fromCsv = await read('pop.csv');
    expect(fromCsv).toHaveLength(2);
    expect(await read('pop.xlsx')).toEqual(fromCsv);
    await expect(read('pop.txt')).rejects.toThrow('不支持的文件类型');
  });
});
