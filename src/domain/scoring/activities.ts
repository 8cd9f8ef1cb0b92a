// 附件2 二(二) 五个一 — "举办一系列推进活动(每季度至少举办一场政策解读、现场观摩、专题培训、银企对接等
// 活动,每半年当地政府承办一场市级专题推进活动)". The item is not self-declared: it is checked from
// the region's activity records.
// Readings (settings.ts): per quarter at least one activity whose type is in
// `quarterlyActivityTypes` ("至少举办一场……等活动": one event of any listed kind, not one of each);
// per half year (1–6月, 7–12月) at least one activity of level 市级 hosted by the region's
// government ("当地政府承办一场市级专题推进活动"), of any type. An activity may satisfy both checks.
import type { Activity } from './records.ts';
import type { ScoringSettings } from './settings.ts';

export interface PeriodCheck {
  period: string; // "第1季度" / "上半年"
  met: boolean;
  /** The activities that satisfy the requirement in this period. */
  qualifying: Activity[];
}

export interface ActivityCheck {
  quarters: PeriodCheck[];
  halves: PeriodCheck[];
  /** Quarters taken into account (4 for the annual assessment; fewer for a quarterly bulletin). */
  throughQuarter: number;
  passed: boolean;
  explanation: string;
}

const quarterOf = (date: string): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/**
 * Checks the activity requirement of `year` for the quarters 1..throughQuarter (and the half years
 * that have ended by then). Activities of other years are ignored.
 */
export function checkActivities(activities: readonly Activity[], year: number, s: ScoringSettings, throughQuarter = 4): ActivityCheck {
  const inYear = activities.filter((a) => a.date.startsWith(`${year}-`));
  const quarters: PeriodCheck[] = [];
  for (let q = 1; q <= throughQuarter; q++) {
    const qualifying = inYear.filter((a) => quarterOf(a.date) === q && s.quarterlyActivityTypes.includes(a.type));
    quarters.push({ period: QUARTER_NAMES[q - 1]!, met: qualifying.length > 0, qualifying });
  }
  const halves: PeriodCheck[] = [];
  if (s.requireHalfYearCityEvent) {
    for (const h of [1, 2]) {
      if (h * 2 > throughQuarter) continue; // the half year has not ended yet
      const qualifying = inYear.filter(
        (a) => Math.ceil(quarterOf(a.date) / 2) === h && a.level === 'city' && a.hostedByLocalGovernment,
      );
      halves.push({ period: h === 1 ? '上半年' : '下半年', met: qualifying.length > 0, qualifying });
    }
  }
  const missing = [...quarters, ...halves].filter((p) => !p.met);
  const passed = missing.length === 0;
  const quarterText = quarters.map((p) => `${p.period}${p.met ? `${p.qualifying.length}场` : '无'}`).join('、');
  const halfText = halves.map((p) => `${p.period}${p.met ? '已' : '未'}承办市级专题推进活动`).join('、');
  const explanation =
    `季度推进活动:${quarterText || '(尚无已结束的季度)'}` +
    (halves.length > 0 ? `;${halfText}` : '') +
    (passed ? '。' : `;缺:${missing.map((p) => (halves.includes(p) ? `${p.period}市级专题推进活动` : `${p.period}推进活动`)).join('、')}。`);
  return { quarters, halves, throughQuarter, passed, explanation };
}
