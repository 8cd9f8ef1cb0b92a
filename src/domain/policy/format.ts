// Chinese display of money, counts and rates. Display only: nothing here feeds a calculation.
import type { Rate } from './types.ts';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function decimal(units: bigint, scale: number): string {
  const s = units.toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return frac ? `${group(int)}.${frac}` : group(int);
}

/** 18000000000 fen → "1,800万元"; 1234567 → "12,345.67元". 万元 is used when it stays short. */
export function formatFen(fen: number): string {
  const v = BigInt(fen);
  if (fen >= 1_000_000 && fen % 10_000 === 0) return `${decimal(v / 100n, 4)}万元`;
  return `${decimal(v, 2)}元`;
}

/** Plain yuan with two decimals, for tables and CSV: 1234567 → "12345.67". */
export function fenToYuan(fen: number): string {
  const s = BigInt(fen).toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

export function formatRange(min: number, max: number | null): string {
  if (max === null) return `不低于${formatFen(min)}(上限未规定)`;
  if (min === max) return formatFen(min);
  if (min === 0) return `0~${formatFen(max)}`;
  return `${formatFen(min)}~${formatFen(max)}`;
}

export function formatCount(n: number, unit = ''): string {
  return `${group(String(n))}${unit}`;
}

export function formatRate(r: Rate): string {
  // Shown as a percentage when it has a finite decimal expansion, else as a fraction.
  let den = r.den, twos = 0, fives = 0;
  while (den % 2 === 0) { den /= 2; twos++; }
  while (den % 5 === 0) { den /= 5; fives++; }
  if (den !== 1) return `${r.num}/${r.den}`;
  const scale = Math.max(twos, fives);
  const units = (BigInt(r.num) * 10n ** BigInt(scale) * 100n) / BigInt(r.den);
  return `${decimal(units, scale)}%`;
}
