// Display formats: dates YYYY-MM-DD in China time, numbers with thousands separators, money from
// integer fen.
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export const formatDate = (iso: string | null | undefined) => (iso ? DATE.format(new Date(iso)) : '—');
export const formatDateTime = (iso: string | null | undefined) => (iso ? `${DATE.format(new Date(iso))} ${TIME.format(new Date(iso))}` : '—');
export const formatCount = (n: number) => INTEGER.format(n);
export const formatNumber = (n: number) => DECIMAL.format(n);

const yuanNumber = (abs: number) => {
  const cents = abs % 100;
  return `${INTEGER.format(Math.trunc(abs / 100))}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
};
const wanNumber = (abs: number) => {
  const frac = String(abs % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return `${INTEGER.format(Math.trunc(abs / 1_000_000))}${frac ? `.${frac}` : ''}`;
};
const signed = (fen: number, fmt: (abs: number) => string) => `${fen < 0 ? '-' : ''}${fmt(Math.abs(fen))}`;

/** 12,345.67 元 from integer fen, exact (no binary fractions are formed). */
export const formatYuan = (fen: number) => `${signed(fen, yuanNumber)} 元`;

/** 1,234.5 万元 from integer fen (1 万元 = 1,000,000 分), exact. */
export const formatWan = (fen: number) => `${signed(fen, wanNumber)} 万元`;

/** An amount for reading: 万元 from 1 万元 up, 元 below; exact either way. */
export const formatMoney = (fen: number) => (Math.abs(fen) >= 1_000_000 ? formatWan(fen) : formatYuan(fen));

/**
 * [min, max] as the text reads: a fixed sum, a band, or a floor when the text sets no maximum;
 * both ends in the unit of the larger (0 ~ 325 万元).
 */
export function formatMoneyRange(range: { min: number; max: number | null }, unit?: '元' | '万元'): string {
  const u = unit ?? (Math.abs(range.max ?? range.min) >= 1_000_000 ? '万元' : '元');
  const fmt = (fen: number) => signed(fen, u === '万元' ? wanNumber : yuanNumber);
  if (range.max === null) return `不低于 ${fmt(range.min)} ${u}`;
  if (range.min === range.max) return `${fmt(range.min)} ${u}`;
  return `${fmt(range.min)} ~ ${fmt(range.max)} ${u}`;
}

/** The same range in exact 元 with thousands separators (for a tooltip). */
export const formatMoneyRangeYuan = (range: { min: number; max: number | null }) => formatMoneyRange(range, '元');

/** Today's date in China time, YYYY-MM-DD. */
export const chinaToday = () => DATE.format(new Date());

export type MoneyUnit = '元' | '万元';
const UNIT_DECIMALS: Record<MoneyUnit, number> = { 元: 2, 万元: 6 };

/**
 * Integer fen from an amount typed in 元 or 万元, exactly: the decimal string is shifted by digits
 * (2 for 元, 6 for 万元), never multiplied as a binary fraction. Null when the text is not a plain
 * non-negative amount, has more decimals than a fen allows, or is too large to be exact.
 */
export function parseFen(text: string | null | undefined, unit: MoneyUnit): number | null {
  const s = (text ?? '').trim().replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const places = UNIT_DECIMALS[unit];
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > places) return null;
  const digits = `${m[1]}${frac.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  const fen = Number(digits);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Integer fen as a plain decimal in the unit (no separators), for an input's initial value: 325000000 → "325" 万元. */
export function fenToDecimal(fen: number, unit: MoneyUnit): string {
  const places = UNIT_DECIMALS[unit];
  const abs = String(Math.abs(Math.trunc(fen))).padStart(places + 1, '0');
  const whole = abs.slice(0, abs.length - places);
  const frac = abs.slice(abs.length - places).replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A share for progress bars only (display, never amounts): 0–100 with one decimal. */
export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 1000) / 10) : 0);
