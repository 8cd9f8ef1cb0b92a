// 诊改联动 measured (实施意见 二(五) "强化'诊''改'联动,提高诊断方案转化实施率"): of the diagnoses
// accepted, how many enterprises applied for a retrofit subsidy within N months, and how many were
// funded. Rates are exact: a numerator and a denominator, shown with one decimal rounded down.
export interface ConversionRow {
  readonly year: number;
  readonly regionId: string;
  readonly providerId: string | null;
  readonly providerName: string | null;
  readonly applied: boolean;
  readonly funded: boolean;
}

export interface Rate {
  readonly key: string;
  readonly label: string;
  readonly diagnoses: number;
  readonly applied: number;
  readonly funded: number;
  /** "40.0%" style, rounded down; "—" when nothing was diagnosed. */
  readonly appliedRate: string;
  readonly fundedRate: string;
}

export function percent(num: number, den: number): string {
  if (den === 0) return '—';
  const tenths = Math.floor((num * 1000) / den);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

export function conversionBy(rows: readonly ConversionRow[], by: 'provider' | 'region' | 'year', labels: ReadonlyMap<string, string> = new Map()): Rate[] {
  const groups = new Map<string, { label: string; d: number; a: number; f: number }>();
  for (const r of rows) {
    const key = by === 'provider' ? r.providerId ?? '' : by === 'region' ? r.regionId : String(r.year);
    const label = by === 'provider' ? r.providerName ?? '(未派单)' : labels.get(key) ?? key;
    const g = groups.get(key) ?? { label, d: 0, a: 0, f: 0 };
    g.d++;
    if (r.applied) g.a++;
    if (r.funded) g.f++;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, diagnoses: g.d, applied: g.a, funded: g.f, appliedRate: percent(g.a, g.d), fundedRate: percent(g.f, g.d) }))
    .sort((x, y) => x.key.localeCompare(y.key));
}
