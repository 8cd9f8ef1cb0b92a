// 附件2 二(三) 减分项: "未及时完成省、市“智改数转”相关工作的,每次扣0.2分。" No cap and no floor
// are stated, so none is applied: each recorded event costs the same amount.
import type { Points } from './points.ts';
import { formatPoints } from './points.ts';
import type { DeductionEvent } from './records.ts';
import type { ScoringSettings } from './settings.ts';

export interface DeductionLine {
  event: DeductionEvent;
  points: Points; // ≤ 0
  explanation: string;
}

export function scoreDeductions(events: readonly DeductionEvent[], s: ScoringSettings): { lines: DeductionLine[]; total: Points } {
  const lines = events.map((event) => ({
    event,
    points: -s.deductionPerEvent,
    explanation: `${event.title}:未及时完成${event.issuer === 'provincial' ? '省' : '市'}“智改数转”相关工作,扣${formatPoints(s.deductionPerEvent)}分(附件2 二(三))。`,
  }));
  return { lines, total: lines.reduce((sum, l) => sum + l.points, 0) };
}
