// 附件2 二(二) "“智改数转”工作推进分为“五个一”……每项工作基础分值5分,合计25分。完成工作得基本分,
// 未完成不得分。" No partial points: an item is done (5) or not (0). Four items are recorded with
// their evidence; 举办一系列推进活动 is derived from the activity records (activities.ts).
import type { ActivityCheck } from './activities.ts';
import { checkActivities } from './activities.ts';
import type { Points } from './points.ts';
import { formatPoints } from './points.ts';
import type { Activity, WorkItem, WorkItemId } from './records.ts';
import { FIVE_ONES, WORK_ITEM_NAMES } from './records.ts';
import type { ScoringSettings } from './settings.ts';

export interface WorkItemResult {
  item: (typeof FIVE_ONES)[number];
  name: string;
  done: boolean;
  points: Points;
  max: Points;
  evidence: string[];
  explanation: string;
}

export function scoreWorkProgress(
  items: Record<WorkItemId, WorkItem>,
  activities: readonly Activity[],
  year: number,
  s: ScoringSettings,
  throughQuarter = 4,
): { items: WorkItemResult[]; activityCheck: ActivityCheck } {
  const activityCheck = checkActivities(activities, year, s, throughQuarter);
  const max = s.workItemPoints;
  const results = FIVE_ONES.map((id): WorkItemResult => {
    const name = WORK_ITEM_NAMES[id];
    if (id === 'activities') {
      const done = activityCheck.passed;
      const evidence = [...activityCheck.quarters, ...activityCheck.halves].flatMap((p) => p.qualifying.flatMap((a) => a.evidence));
      return {
        item: id,
        name,
        done,
        points: done ? max : 0,
        max,
        evidence: [...new Set(evidence)],
        explanation: `${activityCheck.explanation}${done ? `完成,得${formatPoints(max)}分` : '未完成,不得分'}(附件2 二(二))。`,
      };
    }
    const w = items[id];
    return {
      item: id,
      name,
      done: w.done,
      points: w.done ? max : 0,
      max,
      evidence: w.evidence,
      explanation: w.done
        ? `已完成,证明材料:${w.evidence.join('、')};得${formatPoints(max)}分(附件2 二(二))。`
        : `未完成,不得分(附件2 二(二)“未完成不得分”)。`,
    };
  });
  return { items: results, activityCheck };
}
