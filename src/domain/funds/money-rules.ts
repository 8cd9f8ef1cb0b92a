// The money rules of an approval, a payment and a fund, each citing where it comes from. Pure:
// the use cases apply them and the repositories make them atomic.
import { DomainError, invalid } from '../errors.ts';
import { formatFen as formatYuan } from '../policy/format.ts';
import type { Payer } from '../policy/types.ts';

export interface AmountBounds {
  readonly min: number;
  readonly max: number | null;
  readonly amountText: string;
  readonly clause: string;
}

/** The approved amount lies in the engine's range for the application (never above its maximum). */
export function checkApprovedAmount(amount: unknown, bounds: AmountBounds, field = 'amountFen'): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw invalid(field, '核定金额须为正整数(单位:分)');
  }
  if (bounds.max !== null && amount > bounds.max) {
    throw invalid(field, `核定金额 ${formatYuan(amount)} 超过按${bounds.clause}计算的最高额 ${formatYuan(bounds.max)}(测算结果 ${bounds.amountText})`);
  }
  if (amount < bounds.min) {
    throw invalid(field, `核定金额 ${formatYuan(amount)} 低于按${bounds.clause}计算的最低额 ${formatYuan(bounds.min)}(测算结果 ${bounds.amountText})`);
  }
  return amount;
}

/**
 * Who pays how much. 市级 and 县级 measures are paid by that level alone; 苏州's 分级承担 measures
 * (末段 "按现行财政体制分级承担", no ratio in the text) take the split the approver records.
 */
export function splitByLevel(payer: Payer, amount: number, parts: { cityPartFen?: number | undefined; countyPartFen?: number | undefined }): { city: number; county: number } {
  if (payer === 'city') return { city: amount, county: 0 };
  if (payer === 'county') return { city: 0, county: amount };
  const city = parts.cityPartFen, county = parts.countyPartFen;
  for (const [field, v] of [['cityPartFen', city], ['countyPartFen', county]] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw invalid(field, '该措施按现行财政体制分级承担(苏州若干措施末段):须分别填写市级和县级承担的金额(单位:分,可为0)');
    }
  }
  if (city! + county! !== amount) {
    throw invalid('countyPartFen', `市级 ${formatYuan(city!)} 与县级 ${formatYuan(county!)} 之和须等于核定金额 ${formatYuan(amount)}`);
  }
  return { city: city!, county: county! };
}

/** The floors the Yangzhou text sets for yearly funds; Suzhou's text sets none. */
export interface FundFloor {
  readonly floorFen: number;
  readonly clause: string;
  readonly quote: string;
}

export function fundFloor(city: string, level: 'city' | 'county'): FundFloor | null {
  if (city !== 'yangzhou') return null;
  return level === 'city'
    ? { floorFen: 100_000_000_00, clause: '附件1 一;实施意见 三(二)', quote: '每年确保市级智能化改造和数字化转型专项资金不少于1亿元' }
    : { floorFen: 30_000_000_00, clause: '附件1 三(一)', quote: '各县(市、区)、功能区同步设立智能化改造和数字化转型专项资金,各地规模不低于3000万元' };
}

/** A budget below the text's floor is accepted but flagged (不少于/不低于 include the number itself). */
export function floorWarning(city: string, level: 'city' | 'county', budgetFen: number): string | null {
  const f = fundFloor(city, level);
  if (!f || budgetFen >= f.floorFen) return null;
  return `预算 ${formatYuan(budgetFen)} 低于${f.clause}规定的 ${formatYuan(f.floorFen)}(“${f.quote}”)`;
}

export type Acceptance = 'none' | 'passed' | 'failed';

/**
 * How much may have been paid in total: 事后奖补 by default (nothing before 验收 passes), the
 * approved 启动资金 before it, the approved amount after; nothing more once 验收 failed.
 */
export function payableTotal(approved: number, advance: number, acceptance: Acceptance): number {
  if (acceptance === 'passed') return approved;
  if (acceptance === 'failed') return 0;
  return advance;
}

export function checkPayment(amount: unknown, paid: number, approved: number, advance: number, acceptance: Acceptance): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) throw invalid('amountFen', '拨付金额须为正整数(单位:分)');
  const limit = payableTotal(approved, advance, acceptance);
  if (paid + amount > limit) {
    const why = acceptance === 'failed' ? '验收未通过,不能再拨付,应追回已拨付资金'
      : acceptance === 'none' ? (advance > 0 ? `验收前只能拨付启动资金 ${formatYuan(advance)}` : '事后奖补:验收通过后才能拨付')
        : `核定金额 ${formatYuan(approved)}`;
    throw new DomainError('INVALID', `拨付 ${formatYuan(amount)} 后累计 ${formatYuan(paid + amount)} 将超过可拨付额度(${why};已拨付 ${formatYuan(paid)})`, 'amountFen');
  }
  return amount;
}
