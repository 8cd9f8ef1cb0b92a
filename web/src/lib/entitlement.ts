// An entitlement as the policy text words it: "最高可获 325万元" for a bound with no floor (不高于/最高),
// "40万~60万元" for a band with a real floor, "50万元" for a fixed sum, "不低于40万元" when the text
// sets no maximum. The engine's [0, 325万] range is exact but reads as if 0 were a possible award.
import { parseFen } from './format.ts';

/** The reader's language (i18n.tsx's Lang; not imported so that tests outside the web build can load this file). */
type Lang = 'zh' | 'en';

export interface Range { min: number; max: number | null }

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const WAN = 1_000_000; // fen in 1 万元

/** Integer fen in the unit, exact, thousands separated: 325000000 → "325" (万元), 500000 → "5,000" (元). */
function inUnit(fen: number, unit: '万元' | '元'): string {
  const per = unit === '万元' ? WAN : 100;
  const abs = Math.abs(fen);
  const frac = String(abs % per).padStart(unit === '万元' ? 6 : 2, '0').replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${INTEGER.format(Math.trunc(abs / per))}${frac ? `.${frac}` : ''}`;
}

/** An amount always in 万元, for charts whose axis is in 万元: 325000000 → "325万元", 500000 → "0.5万元". */
export const wanText = (fen: number) => `${inUnit(fen, '万元')}万元`;

/**
 * The amount text in two parts, for a page that sets the note in lighter type: `reason` (already in
 * the reader's language) follows an upper bound that has no floor, in brackets; it is left out
 * everywhere else.
 */
export function entitlementParts(range: Range, lang: Lang, reason?: string | null): { amount: string; note: string } {
  const top = Math.max(Math.abs(range.min), Math.abs(range.max ?? range.min));
  const unit = top >= WAN ? '万元' : '元';
  const n = (fen: number) => inUnit(fen, unit);
  const only = (amount: string) => ({ amount, note: '' });
  if (range.max === null) return only(lang === 'zh' ? `不低于${n(range.min)}${unit}` : `At least ${n(range.min)}${unit}`);
  if (range.min === range.max) return only(`${n(range.min)}${unit}`);
  if (range.min === 0) {
    const amount = lang === 'zh' ? `最高可获 ${n(range.max)}${unit}` : `Up to ${n(range.max)}${unit}`;
    return { amount, note: !reason ? '' : lang === 'zh' ? `(${reason})` : ` (${reason})` };
  }
  // 万 is a multiplier, so both ends carry it: 40万~60万元.
  return only(unit === '万元' ? `${n(range.min)}万~${n(range.max)}万元` : `${n(range.min)}~${n(range.max)}元`);
}

/** The amount text in one string: 最高可获 325万元(不高于投资额的13%), 40万~60万元, 50万元. */
export function entitlementText(range: Range, lang: Lang, reason?: string | null): string {
  const { amount, note } = entitlementParts(range, lang, reason);
  return amount + note;
}

/** What a measure result carries that explains its bound: the parameters its steps used. */
export interface BoundResult {
  eligible: boolean;
  amount: Range;
  items?: { eligible: boolean }[];
  steps: { parameters?: { name: string; value: string }[] }[];
}

/** The words of the measure's parameters as the policy text writes them (GET /policies/:id). */
export interface BoundDetail { parameters: { name: string; words: string }[] }

export interface RateBound {
  /** The rate as the engine used it, e.g. "13%". */
  rate: string;
  /** The text's own words for it, e.g. "不高于投资额的13%" (from "按照不高于投资额的13%给予补助"). */
  words: string;
}

/**
 * The rate that set an upper bound with no floor, when the text's words for it are known: the
 * measure's maximum is a rate of one item's base (not a sum of items, not a cap the steps name).
 * Null when the data does not say why the maximum is what it is.
 */
export function rateBound(m: BoundResult, detail: BoundDetail | undefined): RateBound | null {
  const { min, max } = m.amount;
  if (!m.eligible || min !== 0 || max === null || max === 0 || !detail) return null;
  if ((m.items?.filter((i) => i.eligible).length ?? 1) > 1) return null;
  const used = m.steps.flatMap((s) => s.parameters ?? []);
  const rate = used.find((p) => /%$/.test(p.value));
  if (!rate) return null;
  // A money parameter equal to the maximum is the cap (最高600万元) that bound it, not the rate.
  const capped = used.some((p) => {
    const money = /^([\d.,]+)(万元|元)$/.exec(p.value);
    return money ? parseFen(money[1]!, money[2] as '万元' | '元') === max : false;
  });
  if (capped) return null;
  const words = detail.parameters.find((p) => p.name === rate.name)?.words;
  const core = words ? /(?:按照|按)(.+?)(?:的比例)?给予/.exec(words)?.[1] : undefined;
  return core ? { rate: rate.value, words: core } : null;
}
