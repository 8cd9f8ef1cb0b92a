// 公示 periods in calendar and working days, across a holiday and a weekend made a working day
// (调休), on the 2023 calendar the State Council announced (国办发明电〔2022〕16号).
import { describe, expect, it } from 'vitest';
import { isWorkingDay, periodEnd } from './working-days.ts';

// 劳动节 2023: 4月29日至5月3日放假, 4月23日(星期日)、5月6日(星期六)上班.
const MAY_DAY_2023 = new Map<string, 'holiday' | 'workday'>([
  ['2023-04-23', 'workday'], ['2023-05-01', 'holiday'], ['2023-05-02', 'holiday'], ['2023-05-03', 'holiday'], ['2023-05-06', 'workday'],
]);

describe('公示期 (research applications-and-diagnosis §1.3: calendar or working days)', () => {
  it('7 calendar days from 12月22日 end on 12月28日, as the 苏州工业园区 notice counts them', () => {
    expect(periodEnd('2023-12-22', 7, 'calendar', new Map())).toBe('2023-12-28');
  });

  it('a weekend is not a working day unless it is a 调休 working day; a weekday holiday is not one', () => {
    expect(isWorkingDay('2023-04-22', MAY_DAY_2023)).toBe(false); // Saturday
    expect(isWorkingDay('2023-04-23', MAY_DAY_2023)).toBe(true); // Sunday worked (调休)
    expect(isWorkingDay('2023-05-02', MAY_DAY_2023)).toBe(false); // Tuesday off (劳动节)
    expect(isWorkingDay('2023-05-06', MAY_DAY_2023)).toBe(true); // Saturday worked (调休)
  });

  it('5 working days from Thursday 4月27日 skip the 劳动节 holiday and count Saturday 5月6日', () => {
    // 4-27 (Thu) 1, 4-28 (Fri) 2, 4-29…5-3 holiday, 5-4 (Thu) 3, 5-5 (Fri) 4, 5-6 (Sat, 调休) 5.
    expect(periodEnd('2023-04-27', 5, 'working', MAY_DAY_2023)).toBe('2023-05-06');
    // Without the calendar the same count would end on Wednesday 5月3日, a holiday.
    expect(periodEnd('2023-04-27', 5, 'working', new Map())).toBe('2023-05-03');
  });

  it('a period published on a weekend starts counting on the next working day, 调休 included', () => {
    expect(periodEnd('2023-04-22', 1, 'working', MAY_DAY_2023)).toBe('2023-04-23');
    expect(periodEnd('2023-04-22', 1, 'working', new Map())).toBe('2023-04-24');
  });

  it('refuses a length that is not a positive whole number of days', () => {
    expect(() => periodEnd('2023-04-27', 0, 'working', MAY_DAY_2023)).toThrow(/正整数/);
  });
});
