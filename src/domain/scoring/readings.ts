// The readings of ambiguous phrases in 附件2 that a score was computed under, rendered in Chinese
// for the score sheet so that a reader can see which reading produced the numbers, the words it
// rests on, and the setting that changes it.
import { formatPoints } from './points.ts';
import { ACTIVITY_TYPE_NAMES } from './records.ts';
import type { ScoringSettings } from './settings.ts';

export interface AppliedReading {
  clause: string;
  words: string;
  adopted: string;
  setting: string;
}

export function appliedReadings(s: ScoringSettings): AppliedReading[] {
  const combined = {
    'rank-sum': '排名合计 = 完成数排名 + 完成率排名,合计小者名次在前',
    'count-then-rate': '先按完成数排序,完成数相同再按完成率',
    'rate-then-count': '先按完成率排序,完成率相同再按完成数',
  }[s.combinedRanking];
  const ties = { competition: '并列者取较前名次,其后名次顺延(1、1、3)', dense: '并列者取同一名次,其后名次不跳(1、1、2)', average: '并列者取平均名次(1.5、1.5、3)' }[
    s.componentRankTies
  ];
  const tieBreak =
    s.combinedTieBreak.length === 0
      ? '排名合计相同者并列,得分相同,其后地区按前面的地区数计位次'
      : `排名合计相同者依次按${s.combinedTieBreak.map((k) => (k === 'rate' ? '完成率' : '完成数')).join('、')}较大者在前,仍相同者并列`;
  return [
    { clause: '附件2 二(一)1', words: '根据实际完成数和实际完成率排名合计得分', adopted: combined, setting: `combinedRanking=${s.combinedRanking}` },
    { clause: '附件2 二(一)1', words: '排名(完成数、完成率相同时)', adopted: ties, setting: `componentRankTies=${s.componentRankTies}` },
    { clause: '附件2 二(一)1', words: '排名合计得分……排名第一得15分,其余依次递减0.5分', adopted: tieBreak, setting: `combinedTieBreak=[${s.combinedTieBreak.join(',')}]` },
    {
      clause: '附件2 二(一)1',
      words: '对于完成项目目标的地区,排名第一得15分',
      adopted:
        s.rankScope === 'all-scored-regions'
          ? '在全部评分地区中排名,再按名次先后在本档地区中确定位次'
          : '仅在同档地区中排名',
      setting: `rankScope=${s.rankScope}`,
    },
    {
      clause: '附件2 二(一)1',
      words: '对于完成项目目标的地区',
      adopted: s.targetMetInclusive ? '恰好完成100%按完成目标计(民法典第1259条:达到即为完成)' : '须超过100%方为完成目标',
      setting: `targetMetInclusive=${s.targetMetInclusive}`,
    },
    {
      clause: '附件2 二(一)1',
      words: '对于完成50%目标的地区……对于未完成50%目标的地区,该项不得分',
      adopted: s.halfTargetInclusive ? `恰好完成${s.halfTargetPercent}%按完成50%目标计(恰好一半不属“未完成50%”)` : `须超过${s.halfTargetPercent}%`,
      setting: `halfTargetInclusive=${s.halfTargetInclusive}`,
    },
    {
      clause: '附件2 二(一)2、3',
      words: '按照(项目)实际完成率进行排名,排名第一得15分,其余依次递减1分',
      adopted:
        (s.rateTieBreak === 'share' ? '完成率相同者并列,得分相同' : '完成率相同者完成数多者在前') +
        (s.zeroCompletionRanked ? ';完成数为0的地区仍按名次得分' : ';完成数为0的地区不得分') +
        ';覆盖率的完成率 = 实际覆盖率 ÷ 目标覆盖率',
      setting: `rateTieBreak=${s.rateTieBreak}, zeroCompletionRanked=${s.zeroCompletionRanked}`,
    },
    {
      clause: '附件2 二(二)',
      words: '每季度至少举办一场政策解读、现场观摩、专题培训、银企对接等活动,每半年当地政府承办一场市级专题推进活动',
      adopted:
        `每季度至少一场(${s.quarterlyActivityTypes.map((t) => ACTIVITY_TYPE_NAMES[t]).join('、')}任一类型即可,不要求每类各一场)` +
        (s.requireHalfYearCityEvent ? ';上、下半年各至少一场由当地政府承办的市级活动' : ';不检查半年市级活动'),
      setting: `quarterlyActivityTypes=[${s.quarterlyActivityTypes.join(',')}], requireHalfYearCityEvent=${s.requireHalfYearCityEvent}`,
    },
    {
      clause: '附件2 二(三)、指标说明2、4',
      words: '获批星级上云企业不算作省级项目加分项;通过两化融合贯标不算作国家级项目加分项',
      adopted:
        s.exclusionScope === 'named-level'
          ? '仅在文中所列级别排除:省级星级上云、国家级两化融合贯标不加分'
          : '星级上云、两化融合贯标在任何级别均不加分',
      setting: `exclusionScope=${s.exclusionScope}`,
    },
    {
      clause: '附件2 二(三)',
      words: '最高可加10分;每次扣0.2分',
      adopted: `加分合计不超过${formatPoints(s.bonus.cap)}分(含);减分每次${formatPoints(s.deductionPerEvent)}分,不设上限`,
      setting: `bonus.cap=${formatPoints(s.bonus.cap)}, deductionPerEvent=${formatPoints(s.deductionPerEvent)}`,
    },
  ];
}
