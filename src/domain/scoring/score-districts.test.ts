import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { AssessmentInput, RegionFigures } from './input.ts';
import { parseAssessmentInput } from './input.ts';
import { formatPoints, pointsToNumber } from './points.ts';
import type { BonusEvent } from './records.ts';
import { scoreDistricts } from './score-districts.ts';
import { baseInput, fullActivities, REGION_ORDER } from './test-support.ts';

const bonus = (kind: BonusEvent['kind'], level: BonusEvent['level'], subject: BonusEvent['subject'] = 'other'): BonusEvent => ({
  kind,
  level,
  subject,
  title: `${level}-${kind}-${subject}`,
  evidence: ['文件'],
});

/**
 * The worked example (figures in table order 宝应 高邮 仪征 江都 邗江 广陵 开发区 新城), every point
 * computed by hand in the comments of tiered-categories.test.ts / rate-categories.test.ts:
 *   智能化改造 36 40 15 30 14 15 12 2   → 15 14.5 9.5 10 0 14 13.5 0
 *   上云用数   70 80 70 40 35 30 15 5   → 14.5 15 14.5 10 9.5 13.5 13 12.5
 *   数字画像   29 80 30 60 60 30 20 12  → 0 15 9.5 10 14.5 14 13.5 13.5
 *   数字标杆   20 25 10 30 25 5 0 4     → 12 14 10 15 14 9 8 12
 *   覆盖率 200/400 160/400 150/500 300/600 210/420 90/200 100/250 20/100 → 15 11 9 15 15 12 11 8
 * 目标完成情况: 56.5 69.5 52.5 60 53 62.5 59 46
 * 五个一: 高邮 missed the third-quarter activity, 新城 has no 一库一图一方案 → 20 each, others 25.
 * 加分: 江都 6 national + 10 provincial fund projects = 11 → capped at 10; 宝应 star-cloud (0),
 *   national 两化融合贯标 (0), provincial 两化融合贯标 (0.2), provincial commendation (0.2),
 *   city commendation (0), provincial fund (0.5) = 0.9.
 * 减分: 仪征 three times → −0.6.
 * Totals: 82.4 89.5 76.9 95 78 87.5 84 66; ranking 江都 高邮 广陵 开发区 宝应 邗江 仪征 新城.
 */
function workedExample(): AssessmentInput {
  const input = baseInput();
  const cols = {
    retrofit: [36, 40, 15, 30, 14, 15, 12, 2],
    cloud: [70, 80, 70, 40, 35, 30, 15, 5],
    portrait: [29, 80, 30, 60, 60, 30, 20, 12],
    benchmark: [20, 25, 10, 30, 25, 5, 0, 4],
  };
  const cover: [number, number][] = [[200, 400], [160, 400], [150, 500], [300, 600], [210, 420], [90, 200], [100, 250], [20, 100]];
  const regions = input.regions.map((r, i): RegionFigures => {
    const out: RegionFigures = {
      ...r,
      completed: { retrofit: cols.retrofit[i]!, cloud: cols.cloud[i]!, portrait: cols.portrait[i]!, benchmark: cols.benchmark[i]! },
      coverage: { covered: cover[i]![0], total: cover[i]![1] },
    };
    switch (r.regionId) {
      case 'yz-gaoyou':
        return { ...out, activities: out.activities.filter((a) => a.date !== '2022-08-10') };
      case 'yz-eco':
        return { ...out, workItems: { ...out.workItems, industrialChain: { done: false, evidence: [] } } };
      case 'yz-jiangdu':
        return {
          ...out,
          bonusEvents: [...Array.from({ length: 6 }, () => bonus('fund-project', 'national')), ...Array.from({ length: 10 }, () => bonus('fund-project', 'provincial'))],
        };
      case 'yz-baoying':
        return {
          ...out,
          bonusEvents: [
            bonus('recognition', 'provincial', 'star-cloud'),
            bonus('recognition', 'national', 'integration-standard'),
            bonus('recognition', 'provincial', 'integration-standard'),
            bonus('commendation', 'provincial'),
            bonus('commendation', 'city'),
            bonus('fund-project', 'provincial'),
          ],
        };
      case 'yz-yizheng':
        return { ...out, deductions: ['a', 'b', 'c'].map((t) => ({ issuer: 'city' as const, title: t, evidence: ['督办单'] })) };
      default:
        return out;
    }
  });
  return { ...input, regions };
}

describe('附件2 the whole 评分细则 on a worked example', () => {
  const result = scoreDistricts(workedExample());
  const byId = (id: string) => result.sheets.find((s) => s.regionId === id)!;
  const inOrder = <T>(f: (s: (typeof result.sheets)[number]) => T) => REGION_ORDER.map((id) => f(byId(id)));

  it('附件2 二(一): 目标完成情况 per region', () => {
    expect(inOrder((s) => pointsToNumber(s.subtotals.targets))).toEqual([56.5, 69.5, 52.5, 60, 53, 62.5, 59, 46]);
  });

  it('附件2 二(二): 五个一 at 5 points each, the activity item from the records', () => {
    expect(inOrder((s) => pointsToNumber(s.subtotals.progress))).toEqual([25, 20, 25, 25, 25, 25, 25, 20]);
    expect(byId('yz-gaoyou').workItems.find((w) => w.item === 'activities')!.done).toBe(false);
  });

  it('附件2 二(三): bonus with both exclusions and the cap, deductions', () => {
    expect(inOrder((s) => pointsToNumber(s.subtotals.bonus))).toEqual([0.9, 0, 0, 10, 0, 0, 0, 0]);
    expect(inOrder((s) => pointsToNumber(s.subtotals.deductions))).toEqual([0, 0, -0.6, 0, 0, 0, 0, 0]);
  });

  it('附件2: totals and ranking', () => {
    expect(inOrder((s) => pointsToNumber(s.total))).toEqual([82.4, 89.5, 76.9, 95, 78, 87.5, 84, 66]);
    expect(result.sheets.map((s) => s.regionName)).toEqual(['江都区', '高邮市', '广陵区', '经济技术开发区', '宝应县', '邗江区', '仪征市', '生态科技新城']);
    expect(result.sheets.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('every line cites a clause and the total is the sum of the lines', () => {
    for (const s of result.sheets) {
      expect(s.lines.every((l) => l.clause.startsWith('附件2'))).toBe(true);
      expect(s.total).toBe(s.lines.reduce((a, l) => a + l.points, 0));
    }
    const jiangdu = byId('yz-jiangdu');
    const cap = jiangdu.lines.find((l) => l.item === '加分上限')!;
    expect(cap.points).toBe(-100);
  });

  it('the sheet states the readings it was computed under', () => {
    expect(result.readings.some((r) => r.setting === 'combinedRanking=rank-sum' && r.words.includes('排名合计'))).toBe(true);
  });
});

describe('exact decimals', () => {
  it('附件2: 75 + 25 + 5.6 bonus is exactly 105.6', () => {
    // everyone at 100%, 宝应 above target everywhere so it is first in every category
    const input = baseInput();
    input.regions[0] = {
      ...input.regions[0]!,
      completed: { retrofit: 60, cloud: 140, portrait: 120, benchmark: 50 },
      coverage: { covered: 80, total: 100 },
      // 5 national fund (5) + 2 provincial recognitions (0.4) + 1 provincial commendation (0.2)
      bonusEvents: [
        ...Array.from({ length: 5 }, () => bonus('fund-project', 'national')),
        bonus('recognition', 'provincial'),
        bonus('recognition', 'provincial'),
        bonus('commendation', 'provincial'),
      ],
    };
    const sheet = scoreDistricts(input).sheets[0]!;
    expect(sheet.regionId).toBe('yz-baoying');
    expect(sheet.total).toBe(10560);
    expect(formatPoints(sheet.total)).toBe('105.6');
    expect(JSON.stringify(pointsToNumber(sheet.total))).toBe('105.6');
  });
});

describe('equal totals share the rank', () => {
  it('附件2: regions on the same total are 并列 and the next region takes the place after all of them', () => {
    // Everyone at exactly 100% of every target and 40% coverage. Counts differ only by target size:
    // 高邮/江都 (40, 80, 80) rank 1 by count, 宝应/仪征/邗江 (30, 70, 60) rank 3, 广陵 6, 开发区 7, 新城 8;
    // every rate is 100% (rank 1), so 排名合计 2, 4, 7, 8, 9 → 15, 14 (place 3), 12.5, 12, 11.5 in each
    // of the three tiered categories; 数字标杆 and 覆盖率 all 并列 first (15 + 15); 五个一 25.
    // Totals: 100, 97, 92.5, 91, 89.5.
    const r = scoreDistricts(baseInput());
    const total = (id: string) => pointsToNumber(r.sheets.find((s) => s.regionId === id)!.total);
    const rank = (id: string) => r.sheets.find((s) => s.regionId === id)!.rank;
    expect(REGION_ORDER.map(total)).toEqual([97, 100, 97, 100, 97, 92.5, 91, 89.5]);
    expect(REGION_ORDER.map(rank)).toEqual([3, 1, 3, 1, 3, 6, 7, 8]);
  });
});

describe('bad input: a clear error naming the field', () => {
  const fileFor = (mutate: (doc: { year: number; regions: Record<string, unknown>[] }) => void) => {
    const doc = JSON.parse(JSON.stringify({ year: 2022, regions: baseInput().regions })) as { year: number; regions: Record<string, unknown>[] };
    mutate(doc);
    return doc;
  };
  const errorOf = (f: () => unknown): DomainError => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a DomainError');
  };

  it('a valid file parses', () => {
    expect(parseAssessmentInput(fileFor(() => {})).regions).toHaveLength(8);
  });

  it('a negative figure', () => {
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => ((d.regions[1]!.completed as Record<string, unknown>).cloud = -3))));
    expect(e.code).toBe('INVALID');
    expect(e.field).toBe('regions[1].completed.cloud');
  });

  it('a non-numeric figure', () => {
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => ((d.regions[0]!.completed as Record<string, unknown>).retrofit = '三十'))));
    expect(e.field).toBe('regions[0].completed.retrofit');
    expect(e.message).toContain('三十');
  });

  it('an unknown region, and a region that is not scored (蜀冈—瘦西湖)', () => {
    expect(errorOf(() => parseAssessmentInput(fileFor((d) => (d.regions[2]!.regionId = 'yz-nowhere')))).field).toBe('regions[2].regionId');
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => (d.regions[2]!.regionId = 'yz-shouxihu'))));
    expect(e.field).toBe('regions[2].regionId');
    expect(e.message).toContain('不是2022年的评分对象');
  });

  it('a scored region missing', () => {
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => d.regions.pop())));
    expect(e.field).toBe('regions');
    expect(e.message).toContain('生态科技新城');
  });

  it('an unknown category', () => {
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => ((d.regions[0]!.completed as Record<string, unknown>).robots = 3))));
    expect(e.field).toBe('regions[0].completed');
    expect(e.message).toContain('robots');
  });

  it('a year with no targets', () => {
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => (d.year = 2023))));
    expect(e.field).toBe('targets');
    expect(e.message).toContain('2023年没有目标表');
  });

  it('附件2 附则(一)2: a 五个一 item marked done without evidence', () => {
    const e = errorOf(() =>
      parseAssessmentInput(fileFor((d) => ((d.regions[3]!.workItems as Record<string, unknown>).actionPlan = { done: true, evidence: [] }))),
    );
    expect(e.field).toBe('regions[3].workItems.actionPlan.evidence');
  });

  it('附件2 附则(一)2: an activity without evidence', () => {
    const e = errorOf(() => parseAssessmentInput(fileFor((d) => ((d.regions[0]!.activities as Record<string, unknown>[])[1]!.evidence = []))));
    expect(e.field).toBe('regions[0].activities[1].evidence');
  });

  it('more covered enterprises than there are, and a zero denominator', () => {
    expect(errorOf(() => parseAssessmentInput(fileFor((d) => (d.regions[0]!.coverage = { covered: 101, total: 100 })))).field).toBe('regions[0].coverage.covered');
    expect(errorOf(() => parseAssessmentInput(fileFor((d) => (d.regions[0]!.coverage = { covered: 0, total: 0 })))).field).toBe('regions[0].coverage.total');
  });

  it('a negative, zero or non-numeric target in a supplied table', () => {
    const row = { regionId: 'yz-baoying', regionName: '宝应县', retrofit: 3, cloud: 1, portrait: 1, benchmark: 1, coveragePercent: '40' };
    const withRow = (over: Record<string, unknown>) => ({ year: 2023, targets: { regions: [{ ...row, ...over }] }, regions: [{ ...baseInput().regions[0]!, activities: fullActivities(2023) }] });
    expect(parseAssessmentInput(withRow({})).targets.regions[0]!.coverageBasisPoints).toBe(4000);
    expect(errorOf(() => parseAssessmentInput(withRow({ retrofit: -1 }))).field).toBe('targets.regions[0].retrofit');
    const zero = errorOf(() => parseAssessmentInput(withRow({ cloud: 0 })));
    expect(zero.field).toBe('targets.regions[0].cloud');
    expect(zero.message).toContain('正整数');
    expect(errorOf(() => parseAssessmentInput(withRow({ coveragePercent: '四十' }))).field).toBe('targets.regions[0].coveragePercent');
  });
});
