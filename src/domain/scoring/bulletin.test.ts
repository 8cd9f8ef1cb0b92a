import { describe, expect, it } from 'vitest';
import { buildQuarterlyBulletin } from './bulletin.ts';
import type { RegionRecords } from './bulletin.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { TARGETS_2022 } from './targets-2022.ts';
import { allWorkItemsDone, fullActivities, onPaceHistory } from './test-support.ts';

const records = (): RegionRecords[] =>
  TARGETS_2022.regions.map((t) => ({
    regionId: t.regionId,
    workItems: allWorkItemsDone(),
    activities: fullActivities(),
    bonusEvents: [],
    deductions: [],
  }));

describe('季度督查通报', () => {
  // Second quarter. 高邮 has 12 of 40 智能化改造 by June (behind 序时进度 50%; 28 to go, 5 a month);
  // 广陵 held nothing in the second quarter and hosted no 市级 event in the first half year.
  const history = onPaceHistory(6, { 'yz-gaoyou': (m) => ({ retrofit: 2 * m }) });
  const recs = records().map((r) =>
    r.regionId === 'yz-guangling' ? { ...r, activities: r.activities.filter((a) => !a.date.startsWith('2022-04')) } : r,
  );
  const b = buildQuarterlyBulletin({ year: 2022, quarter: 2, targets: TARGETS_2022, history, records: recs }, DEFAULT_SETTINGS);
  const finding = (id: string) => b.findings.find((f) => f.regionId === id)!;

  it('实施意见 三(三) 季度督查通报: title and the year-so-far scoring through the quarter', () => {
    expect(b.title).toBe('2022年第二季度全市制造业“智改数转”工作督查通报');
    expect(b.assessment.throughQuarter).toBe(2);
    expect(b.tracking.month).toBe(6);
  });

  it('a region behind 序时进度 is lagging and told how many projects a month it needs', () => {
    const f = finding('yz-gaoyou');
    expect(f.reasons.some((r) => r.includes('智能化改造项目完成率30.00%'))).toBe(true);
    expect(f.actions.some((a) => a.includes('还需完成28个') && a.includes('每月至少5个'))).toBe(true);
  });

  it('附件2 二(二): a quarter without an activity and a half year without a hosted 市级 event are reported', () => {
    const f = finding('yz-guangling');
    expect(f.reasons.join()).toContain('第二季度未举办推进活动');
    expect(f.reasons.join()).toContain('上半年未承办市级专题推进活动');
    expect(b.lagging.map((l) => l.regionId)).toEqual(expect.arrayContaining(['yz-gaoyou', 'yz-guangling']));
  });

  it('a region on pace with all its work done is not lagging', () => {
    expect(finding('yz-baoying').reasons).toEqual([]);
    expect(b.lagging.some((l) => l.regionId === 'yz-baoying')).toBe(false);
  });

  it('in the first quarter a region that has not hosted its 市级 event is reminded of the 6月30日 deadline', () => {
    const q1 = buildQuarterlyBulletin({ year: 2022, quarter: 1, targets: TARGETS_2022, history: onPaceHistory(3), records: records() }, DEFAULT_SETTINGS);
    // fullActivities hosts its first 市级 event in April: not yet by the end of March
    expect(q1.findings[0]!.actions.some((a) => a.includes('上半年(6月30日前)'))).toBe(true);
  });

  it('activities after the quarter do not count for the year so far', () => {
    // The October event must not make the third quarter look done in a Q2 bulletin; only Q1, Q2 checked.
    expect(b.assessment.sheets[0]!.activityCheck.quarters).toHaveLength(2);
  });
});

describe('季度督查通报 before a region has filed its coverage summary', () => {
  it('附件2 附则(一)1: the region is scored at 0% coverage and told to file the summary; the bulletin still builds', () => {
    const history = onPaceHistory(3, { 'yz-eco': () => ({ covered: 0, total: 0 }) });
    const b = buildQuarterlyBulletin({ year: 2022, quarter: 1, targets: TARGETS_2022, history, records: records() }, DEFAULT_SETTINGS);
    const eco = b.assessment.sheets.find((s) => s.regionId === 'yz-eco')!;
    // the other seven share first place on coverage (ceil(40 × 3/12) = 10 of 100 each); 新城 is 8th: 15 − 7 = 8
    expect(eco.categories.coverage.points).toBe(800);
    expect(eco.categories.coverage.explanation).toContain('按覆盖率0计');
    expect(b.findings.find((f) => f.regionId === 'yz-eco')!.actions.join()).toContain('汇总表');
  });
});
