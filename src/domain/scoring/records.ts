// The records a region keeps for 附件2 二(二) and 二(三): 五个一 items, promotion activities, and
// bonus/deduction events, each with its evidence (附则(一)2: "相关文件、新闻报道、图片视频等相应证明材料").

/** 二(二) activity types; the first four are named in "政策解读、现场观摩、专题培训、银企对接等活动". */
export const ACTIVITY_TYPES = ['policy-briefing', 'site-visit', 'training', 'bank-enterprise', 'promotion', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_NAMES: Record<ActivityType, string> = {
  'policy-briefing': '政策解读',
  'site-visit': '现场观摩',
  training: '专题培训',
  'bank-enterprise': '银企对接',
  promotion: '专题推进活动',
  other: '其他活动',
};

export const LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县(区)级' };

/** The 五个一 items other than the activity series, which is checked from activity records. */
export const WORK_ITEMS = ['workTeam', 'actionPlan', 'subsidyPolicy', 'industrialChain'] as const;
export type WorkItemId = (typeof WORK_ITEMS)[number];
export const WORK_ITEM_NAMES: Record<WorkItemId | 'activities', string> = {
  workTeam: '建立一个工作专班',
  actionPlan: '出台一个行动计划',
  subsidyPolicy: '制订一个奖补政策',
  activities: '举办一系列推进活动',
  industrialChain: '推进一条重点产业链完成“一库一图一方案”',
};
/** The order of 二(二) "五个一". */
export const FIVE_ONES = ['workTeam', 'actionPlan', 'subsidyPolicy', 'activities', 'industrialChain'] as const;

export interface WorkItem {
  done: boolean;
  /** Documents, news reports, photos/videos; required when done (附则(一)2). */
  evidence: string[];
  note?: string;
}

export interface Activity {
  date: string; // YYYY-MM-DD
  type: ActivityType;
  level: Level;
  /** 当地政府承办: the region's government hosted it (二(二) "每半年当地政府承办一场市级专题推进活动"). */
  hostedByLocalGovernment: boolean;
  title: string;
  evidence: string[];
}

export const BONUS_KINDS = ['fund-project', 'recognition', 'commendation'] as const;
export type BonusKind = (typeof BONUS_KINDS)[number];
export const BONUS_KIND_NAMES: Record<BonusKind, string> = {
  'fund-project': '资金类项目',
  recognition: '认定类项目',
  commendation: '“智改数转”工作表彰',
};

/** Subjects the text excludes from the bonus (指标说明2、4). */
export const BONUS_SUBJECTS = ['star-cloud', 'integration-standard', 'other'] as const;
export type BonusSubject = (typeof BONUS_SUBJECTS)[number];
export const BONUS_SUBJECT_NAMES: Record<BonusSubject, string> = {
  'star-cloud': '星级上云',
  'integration-standard': '两化融合贯标',
  other: '其他',
};

export interface BonusEvent {
  kind: BonusKind;
  level: Level;
  subject: BonusSubject;
  title: string;
  date?: string;
  evidence: string[];
}

export interface DeductionEvent {
  /** Whose work was not completed in time: "未及时完成省、市'智改数转'相关工作". */
  issuer: 'provincial' | 'city';
  title: string;
  date?: string;
  evidence: string[];
}
