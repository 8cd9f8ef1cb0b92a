// The calculator's amount wording (web/src/lib/entitlement.ts): as the policy text reads, exact
// from integer fen, and the rate named only when it, not a cap or a sum, set the maximum.
import { describe, expect, it } from 'vitest';
import { entitlementParts, entitlementText, rateBound, wanText, type BoundResult } from '../web/src/lib/entitlement.ts';

const WAN = 1_000_000;

describe('entitlementText', () => {
  it('reads an upper bound without a floor as 最高可获, with the reason in brackets', () => {
    expect(entitlementText({ min: 0, max: 325 * WAN }, 'zh', '不高于投资额的13%')).toBe('最高可获 325万元(不高于投资额的13%)');
    expect(entitlementText({ min: 0, max: 325 * WAN }, 'zh')).toBe('最高可获 325万元');
    expect(entitlementText({ min: 0, max: 325 * WAN }, 'en', 'at most 13% of the base amount')).toBe('Up to 325万元 (at most 13% of the base amount)');
    expect(entitlementText({ min: 0, max: 2_500 * WAN }, 'zh')).toBe('最高可获 2,500万元');
  });

  it('splits the bracketed reason off for lighter type, and gives a fixed sum no note', () => {
    expect(entitlementParts({ min: 0, max: 325 * WAN }, 'zh', '不高于投资额的13%')).toEqual({ amount: '最高可获 325万元', note: '(不高于投资额的13%)' });
    expect(entitlementParts({ min: 50 * WAN, max: 50 * WAN }, 'zh', '不高于投资额的13%')).toEqual({ amount: '50万元', note: '' });
  });

  it('reads a band with a real floor with 万 on both ends, a fixed sum as one figure, no maximum as 不低于', () => {
    expect(entitlementText({ min: 40 * WAN, max: 60 * WAN }, 'zh')).toBe('40万~60万元');
    expect(entitlementText({ min: 40 * WAN, max: 60 * WAN }, 'en')).toBe('40万~60万元');
    expect(entitlementText({ min: 50 * WAN, max: 50 * WAN }, 'zh')).toBe('50万元');
    expect(entitlementText({ min: 40 * WAN, max: null }, 'zh')).toBe('不低于40万元');
    expect(entitlementText({ min: 40 * WAN, max: null }, 'en')).toBe('At least 40万元');
  });

  it('stays exact below 1万元 and in fractions of 万元', () => {
    expect(entitlementText({ min: 500_000, max: 500_000 }, 'zh')).toBe('5,000元');
    expect(entitlementText({ min: 0, max: 1_234_567 }, 'zh')).toBe('最高可获 1.234567万元');
    expect(entitlementText({ min: 300_000, max: 800_000 }, 'zh')).toBe('3,000~8,000元');
    expect(entitlementText({ min: 500_000, max: 2 * WAN }, 'zh')).toBe('0.5万~2万元');
    expect(entitlementText({ min: 0, max: 0 }, 'zh')).toBe('0元');
  });
});

describe('wanText', () => {
  it('prints every chart label in 万元, exactly, whatever its size', () => {
    expect(wanText(325 * WAN)).toBe('325万元');
    expect(wanText(500_000)).toBe('0.5万元');
    expect(wanText(2_500 * WAN)).toBe('2,500万元');
    expect(wanText(1)).toBe('0.000001万元');
  });
});

describe('rateBound', () => {
  const detail = { parameters: [
    { name: 'smart_retrofit.rate', words: '按照不高于投资额的13%给予补助' },
    { name: 'smart_retrofit.cap', words: '最高600万元' },
  ] };
  const retrofit = (max: number, items = 1): BoundResult => ({
    eligible: true, amount: { min: 0, max },
    items: Array.from({ length: items }, () => ({ eligible: true })),
    steps: [
      { parameters: [{ name: 'smart_retrofit.min_investment', value: '2000万元' }] },
      { parameters: [{ name: 'smart_retrofit.rate', value: '13%' }] },
      { parameters: [{ name: 'smart_retrofit.cap', value: '600万元' }] },
    ],
  });

  it('names the rate in the text\'s own words when the rate set the maximum', () => {
    expect(rateBound(retrofit(325 * WAN), detail)).toEqual({ rate: '13%', words: '不高于投资额的13%' });
  });

  it('names nothing when the cap set it, when items were summed, or when the words are unknown', () => {
    expect(rateBound(retrofit(600 * WAN), detail)).toBeNull();
    expect(rateBound(retrofit(925 * WAN, 2), detail)).toBeNull();
    expect(rateBound(retrofit(325 * WAN), undefined)).toBeNull();
    expect(rateBound(retrofit(325 * WAN), { parameters: [] })).toBeNull();
    expect(rateBound({ ...retrofit(325 * WAN), eligible: false }, detail)).toBeNull();
  });

  it('reads 不超过……的比例 wording and leaves fixed sums and up-to awards alone', () => {
    const security: BoundResult = { eligible: true, amount: { min: 0, max: 30 * WAN }, steps: [{ parameters: [{ name: 'security.rate', value: '10%' }, { name: 'security.cap', value: '100万元' }] }] };
    expect(rateBound(security, { parameters: [{ name: 'security.rate', words: '按照不超过合同额10%的比例给予奖励' }] })).toEqual({ rate: '10%', words: '不超过合同额10%' });
    const award: BoundResult = { eligible: true, amount: { min: 0, max: 200 * WAN }, steps: [{ parameters: [{ name: 'benchmark.national_pilot_award', value: '200万元' }] }] };
    expect(rateBound(award, { parameters: [{ name: 'benchmark.national_pilot_award', words: '分别给予最高200万元的奖励' }] })).toBeNull();
  });
});
