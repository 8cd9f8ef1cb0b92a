import { describe, expect, it } from 'vitest';
import { REGIONS } from '../regions.ts';
import { TARGETS_2022 } from './targets-2022.ts';

const sum = (k: 'retrofit' | 'cloud' | 'portrait' | 'benchmark') => TARGETS_2022.regions.reduce((a, r) => a + r[k], 0);

describe('2022年扬州市“智改数转”目标', () => {
  // The regions' targets add up to the city-wide goals the 实施意见 states elsewhere in the text,
  // an independent check of the transcription.
  it('实施意见 二(六) 每年滚动实施200项智能化改造项目 = the sum of the regions’ 智能化改造 targets', () => {
    expect(sum('retrofit')).toBe(200);
  });
  it('实施意见 二(三) 2022年实施“上云用数”项目420个', () => {
    expect(sum('cloud')).toBe(420);
  });
  it('实施意见 二(五) 2022年实施“数字画像”诊断项目400个', () => {
    expect(sum('portrait')).toBe(400);
  });
  it('附件2 一 评分对象: the eight scored regions, not 蜀冈—瘦西湖风景名胜区; names agree with the regions seed', () => {
    expect(TARGETS_2022.regions).toHaveLength(8);
    const scored = REGIONS.filter((r) => r.scored).map((r) => [r.id, r.name]);
    expect(TARGETS_2022.regions.map((r) => [r.regionId, r.regionName]).sort()).toEqual(scored.sort());
    expect(TARGETS_2022.regions.some((r) => r.regionId === 'yz-shouxihu')).toBe(false);
  });
  it('数字标杆 25 each except 生态科技新城 5; coverage 40% everywhere', () => {
    expect(TARGETS_2022.regions.map((r) => r.benchmark)).toEqual([25, 25, 25, 25, 25, 25, 25, 5]);
    expect(TARGETS_2022.regions.every((r) => r.coverageBasisPoints === 4000)).toBe(true);
  });
});
