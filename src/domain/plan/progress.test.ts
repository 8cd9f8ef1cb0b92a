// Goals, projections and lights of the 实施意见's indicators, with the text's own figures: 二(三)
// 上云用数 420 in 2022 and 1500 累计 by 2024; 二(六) 200 智能化改造项目 every year; 二(九) 5G
// 基站 7900 → 1.1万 累计; 一(二) 数控化率 65% in 2024. Expected values are worked by hand.
import { describe, expect, it } from 'vitest';
import { loadPlans } from '../../io/plan-library.ts';
import { assessIndicator, compareWithRecords, dueDate, goalFor, monthsDue, projectYearEnd } from './progress.ts';

const plan = loadPlans().find((p) => p.city === 'yangzhou')!;
const ind = (id: string) => plan.indicators.get(id)!;
const s = plan.settings;

describe('goals as the text sets them', () => {
  it('二(六) “每年滚动实施200项智能化改造项目”: 200 in each of 2022, 2023 and 2024, stated', () => {
    for (const y of [2022, 2023, 2024]) expect(goalFor(ind('retrofit-projects'), y, s)).toEqual({ value: 200, stated: true });
  });
  it('二(三) 上云用数: 420 in 2022, 1500 累计 by 2024; 2023 is a pace between them (420 + ⌈1080/2⌉ = 960), not a goal of the text', () => {
    expect(goalFor(ind('cloud-projects'), 2022, s)).toEqual({ value: 420, stated: true });
    expect(goalFor(ind('cloud-projects'), 2023, s)).toEqual({ value: 960, stated: false });
    expect(goalFor(ind('cloud-projects'), 2024, s)).toEqual({ value: 1500, stated: true });
  });
  it('二(一) 5 公共服务平台 by 2024, counted from 2022: paces ⌈5/3⌉ = 2 and ⌈10/3⌉ = 4', () => {
    expect(goalFor(ind('chain-platforms'), 2022, s)).toEqual({ value: 2, stated: false });
    expect(goalFor(ind('chain-platforms'), 2023, s)).toEqual({ value: 4, stated: false });
  });
  it('二(四) 标识解析 3500家 by 2024, a stock with no earlier figure: no goal before 2024', () => {
    expect(goalFor(ind('identifier-enterprises'), 2023, s)).toBeNull();
    expect(goalFor(ind('identifier-enterprises'), 2024, s)).toEqual({ value: 3500, stated: true });
  });
  it('一(二) 数控化率达65% (2024) is stored in hundredths: 6500; a rate has no pace in 2023', () => {
    expect(goalFor(ind('cnc-rate'), 2024, s)).toEqual({ value: 6500, stated: true });
    expect(goalFor(ind('cnc-rate'), 2023, s)).toBeNull();
  });
  it('三(二) 市级专项资金“不少于1亿元”: 10,000,000,000 分 a year', () => {
    expect(goalFor(ind('city-fund'), 2023, s)).toEqual({ value: 10_000_000_000, stated: true });
  });
  it('with interimPace none, only the text’s figures count', () => {
    expect(goalFor(ind('cloud-projects'), 2023, { ...s, interimPace: 'none' })).toBeNull();
  });
});

describe('year-end projection', () => {
  it('a yearly count runs from zero: 120 by June projects 240', () => {
    expect(projectYearEnd(ind('retrofit-projects'), 2023, [{ year: 2023, month: 6, value: 120 }], null)).toBe(240);
  });
  it('rounds down: 100 by July projects 100 + ⌊100×5/7⌋ = 171', () => {
    expect(projectYearEnd(ind('retrofit-projects'), 2023, [{ year: 2023, month: 7, value: 100 }], null)).toBe(171);
  });
  it('a stock runs from the previous December: 7900 → 8500 by March projects 8500 + 600×9/3 = 10300', () => {
    expect(projectYearEnd(ind('base-stations'), 2023, [{ year: 2023, month: 3, value: 8500 }], 7900)).toBe(10_300);
  });
  it('a stock without last December runs from its first report; one report gives no pace', () => {
    expect(projectYearEnd(ind('base-stations'), 2022, [{ year: 2022, month: 4, value: 7000 }], null)).toBe(7000);
    expect(projectYearEnd(ind('base-stations'), 2022, [{ year: 2022, month: 4, value: 7000 }, { year: 2022, month: 6, value: 7200 }], null)).toBe(7800);
  });
  it('a count since 2022 runs from zero in 2022: 210 by June projects 420', () => {
    expect(projectYearEnd(ind('cloud-projects'), 2022, [{ year: 2022, month: 6, value: 210 }], null)).toBe(420);
  });
  it('a rate never projects beyond 100%', () => {
    expect(projectYearEnd(ind('full-coverage'), 2023, [{ year: 2023, month: 1, value: 6000 }, { year: 2023, month: 2, value: 9000 }], null)).toBe(10_000);
  });
  it('December’s figure is the year’s figure', () => {
    expect(projectYearEnd(ind('retrofit-projects'), 2022, [{ year: 2022, month: 12, value: 199 }], null)).toBe(199);
  });
});

describe('lights and the goal met (以上/不少于 include the goal, 民法典 第1259条)', () => {
  it('二(六) 200 reported in December meets the 2022 goal exactly: green, met', () => {
    const a = assessIndicator(ind('retrofit-projects'), 2022, 12, [{ year: 2022, month: 12, value: 200 }], s);
    expect(a).toMatchObject({ light: 'green', met: true, completion: 10_000 });
  });
  it('199 in December misses it by one: the 90% amber band, not met', () => {
    const a = assessIndicator(ind('retrofit-projects'), 2022, 12, [{ year: 2022, month: 12, value: 199 }], s);
    expect(a).toMatchObject({ light: 'amber', met: false, completion: 9950 });
  });
  it('二(九) 累计5G基站7900 (2022): 7900 met, 7899 missed by one', () => {
    expect(assessIndicator(ind('base-stations'), 2022, 12, [{ year: 2022, month: 12, value: 7900 }], s).met).toBe(true);
    expect(assessIndicator(ind('base-stations'), 2022, 12, [{ year: 2022, month: 12, value: 7899 }], s).met).toBe(false);
  });
  it('amber from 90% of the goal inclusive (180 of 200), red below it (179)', () => {
    expect(assessIndicator(ind('retrofit-projects'), 2022, 6, [{ year: 2022, month: 6, value: 90 }], s).light).toBe('amber');
    expect(assessIndicator(ind('retrofit-projects'), 2022, 12, [{ year: 2022, month: 12, value: 179 }], s).light).toBe('red');
  });
  it('reports after the month asked for are ignored; no goal gives no light', () => {
    const a = assessIndicator(ind('retrofit-projects'), 2022, 3, [{ year: 2022, month: 3, value: 50 }, { year: 2022, month: 4, value: 1000 }], s);
    expect(a.latest).toEqual({ year: 2022, month: 3, value: 50 });
    expect(a.projected).toBe(200);
    expect(assessIndicator(ind('identifier-enterprises'), 2023, 3, [{ year: 2023, month: 3, value: 3000 }], s).light).toBe('none');
  });
});

describe('due dates and overdue months (三(三) 月度跟踪调度)', () => {
  it('a month’s report is due on the 10th of the next; December’s in January', () => {
    expect(dueDate(2023, 4, 10)).toBe('2023-05-10');
    expect(dueDate(2022, 12, 10)).toBe('2023-01-10');
  });
  it('on 2022-03-11 January and February are due, March is not', () => {
    expect(monthsDue(plan, '2022-03-11').map((m) => m.month)).toEqual([1, 2]);
    expect(monthsDue(plan, '2022-03-10').map((m) => m.month)).toEqual([1]);
  });
});

describe('reports against the platform’s records', () => {
  it('exact: any difference is flagged', () => {
    expect(compareWithRecords('exact', 200, 200)).toBe('agrees');
    expect(compareWithRecords('exact', 201, 200)).toBe('differs');
    expect(compareWithRecords('exact', 199, 200)).toBe('differs');
  });
  it('at-least: only a report below what the platform knows is flagged', () => {
    expect(compareWithRecords('at-least', 114, 3)).toBe('agrees');
    expect(compareWithRecords('at-least', 2, 3)).toBe('below-records');
  });
});
