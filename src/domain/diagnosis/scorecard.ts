// The provider scorecard's proposal. Neither text nor the research gives star criteria or exit
// scores (applications-and-diagnosis.md §1.5: UNCONFIRMED), so the thresholds are settings written
// here with that status; the proposal is only shown to an officer, who decides (警告, 整改, 暂停).
export const SCORECARD_SETTINGS = {
  confidence: 'unconfirmed',
  source: '无原文依据:评星评级、警告、取消资格的具体标准未检索到(研究笔记 §1.5),以下阈值为平台设置,仅作提示',
  /** At least this many finished diagnoses before anything is proposed. */
  minFinished: 3,
  /** Warn below this share of reports on time (per mille). */
  onTimeWarnPermille: 600,
  /** Warn when the average satisfaction (1–5) is below this many tenths. */
  satisfactionWarnTenths: 30,
  /** Propose suspension after this many payment stops by supervisors. */
  stopsSuspend: 2,
  /** Propose a star when every figure is at least these. */
  starOnTimePermille: 900,
  starSatisfactionTenths: 45,
} as const;

export interface Card {
  readonly finished: number;
  readonly onTime: number;
  readonly stops: number;
  readonly issues: number;
  readonly satisfactionSum: number;
  readonly rated: number;
}

export type Proposal = { readonly action: 'none' | 'star' | 'warn' | 'suspend'; readonly reason: string };

export function proposeStanding(c: Card, s = SCORECARD_SETTINGS): Proposal {
  if (c.stops >= s.stopsSuspend) return { action: 'suspend', reason: `监理停止支付 ${c.stops} 次(设置:${s.stopsSuspend} 次起建议暂停)` };
  if (c.finished < s.minFinished) return { action: 'none', reason: `完成诊断 ${c.finished} 个,不足 ${s.minFinished} 个,暂不评价` };
  const onTime = Math.floor((c.onTime * 1000) / c.finished);
  // satisfaction in tenths: sum*10/rated, compared as integers (no floating point).
  const satTenths = c.rated ? Math.floor((c.satisfactionSum * 10) / c.rated) : null;
  if (onTime < s.onTimeWarnPermille) return { action: 'warn', reason: `按期完成率 ${onTime / 10}% 低于 ${s.onTimeWarnPermille / 10}%` };
  if (satTenths !== null && satTenths < s.satisfactionWarnTenths) return { action: 'warn', reason: `企业满意度 ${satTenths / 10} 低于 ${s.satisfactionWarnTenths / 10}` };
  if (onTime >= s.starOnTimePermille && satTenths !== null && satTenths >= s.starSatisfactionTenths && c.stops === 0) {
    return { action: 'star', reason: `按期完成率 ${onTime / 10}%,满意度 ${satTenths / 10},无停止支付` };
  }
  return { action: 'none', reason: '各项指标在正常范围' };
}

/** Average satisfaction with one decimal, rounded down, from integers ("4.5"); null when unrated. */
export function averageSatisfaction(sum: number, rated: number): string | null {
  if (!rated) return null;
  const tenths = Math.floor((sum * 10) / rated);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
