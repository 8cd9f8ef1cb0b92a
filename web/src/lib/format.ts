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

/** 12,345.67 元 from integer fen, exact (no binary fractions are formed). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${sign}${INTEGER.format(yuan)}${cents ? `.${String(cents).padStart(2, '0')}` : ''} 元`;
}

/** 1,234.5 万元 from integer fen (1 万元 = 1,000,000 分), up to 6 decimals, exact. */
export function formatWan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.trunc(abs / 1_000_000);
  const frac = String(abs % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return `${sign}${INTEGER.format(whole)}${frac ? `.${frac}` : ''} 万元`;
}
