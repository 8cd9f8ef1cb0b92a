import { describe, expect, it } from 'vitest';
import { checkActivities } from './activities.ts';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.ts';
import { activity, fullActivities } from './test-support.ts';

describe('附件2 二(二) 举办一系列推进活动, checked from the activity records', () => {
  it('附件2 二(二): one listed activity each quarter and a hosted 市级 event each half year passes', () => {
    const c = checkActivities(fullActivities(), 2022, DEFAULT_SETTINGS);
    expect(c.passed).toBe(true);
    expect(c.quarters.map((q) => q.met)).toEqual([true, true, true, true]);
    expect(c.halves.map((h) => h.met)).toEqual([true, true]);
  });

  it('附件2 二(二) 每季度至少举办一场: a quarter without an activity fails the item', () => {
    const acts = fullActivities().filter((a) => a.date !== '2022-08-10');
    const c = checkActivities(acts, 2022, DEFAULT_SETTINGS);
    expect(c.passed).toBe(false);
    expect(c.quarters.map((q) => q.met)).toEqual([true, true, false, true]);
    expect(c.explanation).toContain('第三季度推进活动');
  });

  it('附件2 二(二) quarter boundaries: 3月31日 is in the first quarter, 4月1日 in the second', () => {
    const acts = [activity('2022-03-31'), activity('2022-04-01', { level: 'city' }), activity('2022-09-30'), activity('2022-10-01', { level: 'city' })];
    const c = checkActivities(acts, 2022, DEFAULT_SETTINGS);
    expect(c.quarters.map((q) => q.qualifying.length)).toEqual([1, 1, 1, 1]);
    expect(c.passed).toBe(true);
  });

  it('附件2 二(二) 每半年当地政府承办一场市级专题推进活动: a 市级 event the region did not host does not count', () => {
    const acts = fullActivities().map((a) => (a.date === '2022-10-12' ? { ...a, hostedByLocalGovernment: false } : a));
    const c = checkActivities(acts, 2022, DEFAULT_SETTINGS);
    expect(c.halves.map((h) => h.met)).toEqual([true, false]);
    expect(c.passed).toBe(false);
  });

  it('附件2 二(二): a county-level event hosted locally is not a 市级 event', () => {
    const acts = fullActivities().map((a) => (a.date === '2022-04-20' ? { ...a, level: 'county' as const } : a));
    expect(checkActivities(acts, 2022, DEFAULT_SETTINGS).halves[0]!.met).toBe(false);
  });

  it('附件2 二(二) “……等活动”: an unlisted type does not count unless the setting lists it', () => {
    const acts = fullActivities().map((a) => (a.date === '2022-02-15' ? { ...a, type: 'other' as const } : a));
    expect(checkActivities(acts, 2022, DEFAULT_SETTINGS).quarters[0]!.met).toBe(false);
    const wider = resolveSettings({ quarterlyActivityTypes: ['policy-briefing', 'site-visit', 'training', 'bank-enterprise', 'other'] });
    expect(checkActivities(acts, 2022, wider).quarters[0]!.met).toBe(true);
  });

  it('activities of another year are ignored', () => {
    const acts = [...fullActivities().filter((a) => a.date !== '2022-02-15'), activity('2021-02-15')];
    expect(checkActivities(acts, 2022, DEFAULT_SETTINGS).quarters[0]!.met).toBe(false);
  });

  it('the year so far: through the first quarter only Q1 is checked and no half year has ended', () => {
    const c = checkActivities([activity('2022-01-10')], 2022, DEFAULT_SETTINGS, 1);
    expect(c.quarters).toHaveLength(1);
    expect(c.halves).toHaveLength(0);
    expect(c.passed).toBe(true);
  });
});
