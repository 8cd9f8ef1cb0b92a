// 附件2 二(三) 加分项: "获批国家级、省级资金类项目的,每个分别加1分、0.5分;获批国家级、省级认定类项目的,
// 每个分别加0.3分、0.2分;“智改数转”工作获得省级以上表彰的,每次加0.2分。最高可加10分。"
// with the exclusions of 指标说明2 "获批星级上云企业不算作省级项目加分项" and 指标说明4 "通过两化融合
// 贯标不算作国家级项目加分项".
// Readings: 分别 pairs 国家级 with the first amount and 省级 with the second; 市级 and 县级 items
// earn nothing (only the two levels are named); 省级以上 includes 省级 (民法典第1259条); 最高可加10分
// caps the sum at 10 inclusive. Exclusion scope is a setting (settings.ts `exclusionScope`).
import type { Points } from './points.ts';
import { formatPoints } from './points.ts';
import type { BonusEvent } from './records.ts';
import { BONUS_KIND_NAMES, BONUS_SUBJECT_NAMES, LEVEL_NAMES } from './records.ts';
import type { ScoringSettings } from './settings.ts';

export interface BonusLine {
  event: BonusEvent;
  points: Points;
  explanation: string;
}

export interface BonusResult {
  lines: BonusLine[];
  /** Sum before the cap. */
  uncapped: Points;
  /** Points cut by "最高可加10分" (≤ 0). */
  capAdjustment: Points;
  total: Points;
}

const EXCLUSIONS = {
  'star-cloud': { level: 'provincial', words: '指标说明2“获批星级上云企业不算作省级项目加分项”' },
  'integration-standard': { level: 'national', words: '指标说明4“通过两化融合贯标不算作国家级项目加分项”' },
} as const;

function pointsFor(e: BonusEvent, s: ScoringSettings): { points: Points; why: string } {
  const label = `${LEVEL_NAMES[e.level]}${BONUS_KIND_NAMES[e.kind]}`;
  if (e.subject === 'star-cloud' || e.subject === 'integration-standard') {
    const ex = EXCLUSIONS[e.subject];
    if (s.exclusionScope === 'all-levels' || e.level === ex.level) {
      return { points: 0, why: `${BONUS_SUBJECT_NAMES[e.subject]}不计加分(${ex.words})` };
    }
  }
  const b = s.bonus;
  switch (e.kind) {
    case 'fund-project':
    case 'recognition': {
      const national = e.kind === 'fund-project' ? b.fundNational : b.recognitionNational;
      const provincial = e.kind === 'fund-project' ? b.fundProvincial : b.recognitionProvincial;
      if (e.level === 'national') return { points: national, why: `${label}加${formatPoints(national)}分` };
      if (e.level === 'provincial') return { points: provincial, why: `${label}加${formatPoints(provincial)}分` };
      return { points: 0, why: `${label}不计加分(加分项只列国家级、省级项目)` };
    }
    case 'commendation':
      if (e.level === 'national' || e.level === 'provincial') {
        return { points: b.commendation, why: `获得${LEVEL_NAMES[e.level]}表彰(省级以上)加${formatPoints(b.commendation)}分` };
      }
      return { points: 0, why: `${LEVEL_NAMES[e.level]}表彰不计加分(须省级以上表彰)` };
  }
}

export function scoreBonus(events: readonly BonusEvent[], s: ScoringSettings): BonusResult {
  const lines = events.map((event) => {
    const { points, why } = pointsFor(event, s);
    return { event, points, explanation: `${event.title}:${why}(附件2 二(三))。` };
  });
  const uncapped = lines.reduce((sum, l) => sum + l.points, 0);
  const total = Math.min(uncapped, s.bonus.cap);
  return { lines, uncapped, capAdjustment: total - uncapped, total };
}
