// Property tests of 附件2 (fast-check): bounds of every item, monotonicity of each region's own
// score in the number it completes, and that a total is the sum of its parts — under every
// combination of the readings offered as settings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TieredCategory } from './categories.ts';
import type { AssessmentInput } from './input.ts';
import type { RateFigure } from './rate-categories.ts';
import { scoreRateCategory } from './rate-categories.ts';
import type { BonusEvent, DeductionEvent } from './records.ts';
import { BONUS_KINDS, BONUS_SUBJECTS, LEVELS } from './records.ts';
import { scoreDistricts } from './score-districts.ts';
import type { ScoringSettings } from './settings.ts';
import { resolveSettings } from './settings.ts';
import { TARGETS_2022 } from './targets-2022.ts';
import { allWorkItemsDone, fullActivities } from './test-support.ts';
import { scoreTieredCategory } from './tiered-categories.ts';

const settingsArb: fc.Arbitrary<ScoringSettings> = fc
  .record({
    combinedRanking: fc.constantFrom('rank-sum', 'count-then-rate', 'rate-then-count'),
    componentRankTies: fc.constantFrom('competition', 'dense', 'average'),
    combinedTieBreak: fc.constantFrom([], ['rate'], ['count'], ['rate', 'count'], ['count', 'rate']),
    rankScope: fc.constantFrom('all-scored-regions', 'within-tier'),
    targetMetInclusive: fc.boolean(),
    halfTargetInclusive: fc.boolean(),
    rateTieBreak: fc.constantFrom('share', 'count'),
    zeroCompletionRanked: fc.boolean(),
    exclusionScope: fc.constantFrom('named-level', 'all-levels'),
  })
  .map((o) => resolveSettings(o));

/** Eight regions' targets and completions; small numbers so that ties are frequent. */
const tieredArb = fc.array(
  fc.integer({ min: 1, max: 12 }).chain((target) => fc.record({ target: fc.constant(target), actual: fc.integer({ min: 0, max: target * 2 }) })),
  { minLength: 8, maxLength: 8 },
);
const categoryArb = fc.constantFrom<TieredCategory>('retrofit', 'cloud', 'portrait');

const tiered = (c: TieredCategory, rows: { target: number; actual: number }[], s: ScoringSettings) =>
  scoreTieredCategory(c, rows.map((r, i) => ({ regionId: `r${i}`, ...r })), s);

describe('附件2 二(一)1 properties', () => {
  it('附件2 二(一): no tiered item scores above 15 or below 0', () => {
    fc.assert(
      fc.property(categoryArb, tieredArb, settingsArb, (c, rows, s) => {
        for (const r of tiered(c, rows, s)) {
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.points).toBeLessThanOrEqual(1500);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('附件2 二(一)1: one more completed project never lowers that region’s own score in that category', () => {
    fc.assert(
      fc.property(categoryArb, tieredArb, fc.nat({ max: 7 }), settingsArb, (c, rows, i, s) => {
        const before = tiered(c, rows, s)[i]!.points;
        const more = rows.map((r, j) => (j === i ? { ...r, actual: r.actual + 1 } : r));
        const after = tiered(c, more, s)[i]!.points;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 1500 },
    );
  });
});

const benchmarkArb = fc.array(
  fc.integer({ min: 1, max: 10 }).chain((base) => fc.record({ base: fc.constant(base), actual: fc.integer({ min: 0, max: base * 2 }) })),
  { minLength: 8, maxLength: 8 },
);
const coverageArb = fc.array(
  fc.integer({ min: 1, max: 20 }).chain((base) => fc.record({ base: fc.constant(base), actual: fc.integer({ min: 0, max: base - 1 }) })),
  { minLength: 8, maxLength: 8 },
);
const rateFigures = (category: 'benchmark' | 'coverage', rows: { base: number; actual: number }[]): RateFigure[] =>
  rows.map((r, i) => ({ regionId: `r${i}`, category, ...r, ...(category === 'coverage' ? { targetBasisPoints: 4000 } : {}) }));

describe('附件2 二(一)2、3 properties', () => {
  it('附件2 二(一)2、3: scores stay within 0..15 and one more project (or covered enterprise) never lowers them', () => {
    fc.assert(
      fc.property(fc.constantFrom<'benchmark' | 'coverage'>('benchmark', 'coverage'), benchmarkArb, coverageArb, fc.nat({ max: 7 }), settingsArb, (c, bRows, cRows, i, s) => {
        const rows = c === 'benchmark' ? bRows : cRows;
        const before = scoreRateCategory(c, rateFigures(c, rows), s);
        for (const r of before) expect(r.points >= 0 && r.points <= 1500).toBe(true);
        const more = rows.map((r, j) => (j === i ? { ...r, actual: r.actual + 1 } : r));
        const after = scoreRateCategory(c, rateFigures(c, more), s);
        expect(after[i]!.points).toBeGreaterThanOrEqual(before[i]!.points);
      }),
      { numRuns: 600 },
    );
  });
});

// ---- whole assessments ----

const bonusArb: fc.Arbitrary<BonusEvent> = fc.record({
  kind: fc.constantFrom(...BONUS_KINDS),
  level: fc.constantFrom(...LEVELS),
  subject: fc.constantFrom(...BONUS_SUBJECTS),
  title: fc.constant('事项'),
  evidence: fc.constant(['文件']),
});
const deductionArb: fc.Arbitrary<DeductionEvent> = fc.record({
  issuer: fc.constantFrom('provincial', 'city'),
  title: fc.constant('督办'),
  evidence: fc.constant(['通知']),
});
const regionArb = fc.record({
  retrofit: fc.nat({ max: 60 }),
  cloud: fc.nat({ max: 120 }),
  portrait: fc.nat({ max: 120 }),
  benchmark: fc.nat({ max: 40 }),
  total: fc.integer({ min: 1, max: 300 }),
  coveredShare: fc.double({ min: 0, max: 1, noNaN: true }),
  workDone: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  dropActivity: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
  bonus: fc.array(bonusArb, { maxLength: 30 }),
  deductions: fc.array(deductionArb, { maxLength: 5 }),
});
const assessmentArb = fc.array(regionArb, { minLength: 8, maxLength: 8 }).map(
  (rows): AssessmentInput => ({
    year: 2022,
    targets: TARGETS_2022,
    regions: TARGETS_2022.regions.map((t, i) => {
      const r = rows[i]!;
      const done = allWorkItemsDone();
      (['workTeam', 'actionPlan', 'subsidyPolicy', 'industrialChain'] as const).forEach((k, j) => {
        if (!r.workDone[j]) done[k] = { done: false, evidence: [] };
      });
      return {
        regionId: t.regionId,
        completed: { retrofit: r.retrofit, cloud: r.cloud, portrait: r.portrait, benchmark: r.benchmark },
        coverage: { covered: Math.floor(r.coveredShare * r.total), total: r.total },
        workItems: done,
        activities: fullActivities().filter((_, k) => k !== r.dropActivity),
        bonusEvents: r.bonus,
        deductions: r.deductions,
      };
    }),
  }),
);

describe('附件2 whole-sheet properties', () => {
  it('附件2: each total is the sum of its lines and of its four sections; sections within their maxima', () => {
    fc.assert(
      fc.property(assessmentArb, settingsArb, (input, s) => {
        const result = scoreDistricts(input, { settings: s });
        for (const sheet of result.sheets) {
          const { targets, progress, bonus, deductions } = sheet.subtotals;
          expect(sheet.total).toBe(sheet.lines.reduce((a, l) => a + l.points, 0));
          expect(sheet.total).toBe(targets + progress + bonus + deductions);
          expect(targets).toBeLessThanOrEqual(7500);
          expect(progress).toBeLessThanOrEqual(2500);
          expect(bonus).toBeGreaterThanOrEqual(0);
          expect(bonus).toBeLessThanOrEqual(1000);
          expect(deductions).toBeLessThanOrEqual(0);
          expect(Number.isInteger(sheet.total)).toBe(true);
        }
        const totals = result.sheets.map((x) => x.total);
        result.sheets.forEach((x) => expect(x.rank).toBe(1 + totals.filter((t) => t > x.total).length));
      }),
      { numRuns: 150 },
    );
  });

  it('附件2: one more completed project never lowers the region’s total', () => {
    fc.assert(
      fc.property(assessmentArb, fc.nat({ max: 7 }), fc.constantFrom('retrofit', 'cloud', 'portrait', 'benchmark') as fc.Arbitrary<'retrofit' | 'cloud' | 'portrait' | 'benchmark'>, settingsArb, (input, i, c, s) => {
        const id = input.regions[i]!.regionId;
        const before = scoreDistricts(input, { settings: s }).sheets.find((x) => x.regionId === id)!.total;
        const more = { ...input, regions: input.regions.map((r, j) => (j === i ? { ...r, completed: { ...r.completed, [c]: r.completed[c] + 1 } } : r)) };
        const after = scoreDistricts(more, { settings: s }).sheets.find((x) => x.regionId === id)!.total;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
