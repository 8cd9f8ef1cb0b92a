// The five target categories of 附件2 二(一), with the clause that scores each and the 核查内容
// evidence that makes a project count (附则(一)1, 指标说明).

/** 智能化改造项目, "上云用数"项目, "数字画像"诊断项目: tiered and ranked by 排名合计 (附件2 二(一)1). */
export const TIERED_CATEGORIES = ['retrofit', 'cloud', 'portrait'] as const;
/** "数字标杆"创建项目 and 规上企业"智改数转"覆盖率: ranked by 完成率 (附件2 二(一)2、3). */
export const RATE_CATEGORIES = ['benchmark', 'coverage'] as const;
export const CATEGORIES = [...TIERED_CATEGORIES, ...RATE_CATEGORIES] as const;
/** The four counted (个) categories; coverage is a percentage. */
export const COUNT_CATEGORIES = ['retrofit', 'cloud', 'portrait', 'benchmark'] as const;

export type TieredCategory = (typeof TIERED_CATEGORIES)[number];
export type RateCategory = (typeof RATE_CATEGORIES)[number];
export type Category = (typeof CATEGORIES)[number];
export type CountCategory = (typeof COUNT_CATEGORIES)[number];

export interface CategoryInfo {
  id: Category;
  name: string;
  unit: '个' | '%';
  clause: string;
  /** 指标说明: what counts as one project of this category. */
  definition: string;
  /** 附则(一)1 核查内容: the evidence each counted record must carry. */
  evidence: string;
}

export const CATEGORY_INFO: Record<Category, CategoryInfo> = {
  retrofit: {
    id: 'retrofit',
    name: '智能化改造项目',
    unit: '个',
    clause: '附件2 二(一)1',
    definition: '指标说明1:……改造升级项目,且当年度获得县(市、区)及以上相关奖补资金',
    evidence: '当年度获得县(市、区)及以上奖补资金凭证',
  },
  cloud: {
    id: 'cloud',
    name: '“上云用数”项目',
    unit: '个',
    clause: '附件2 二(一)1',
    definition: '指标说明2:制造业企业利用云计算、大数据……开展核心业务环节数字化转型',
    evidence: '星级上云认定文件',
  },
  portrait: {
    id: 'portrait',
    name: '“数字画像”诊断项目',
    unit: '个',
    clause: '附件2 二(一)1',
    definition: '指标说明3:制造业企业依托优秀的诊断服务商……进行诊断的服务项目',
    evidence: '相应周期内完整的合作协议、采购合同、诊断报告',
  },
  benchmark: {
    id: 'benchmark',
    name: '“数字标杆”创建项目',
    unit: '个',
    clause: '附件2 二(一)2',
    definition: '指标说明4:在行业内具有示范性和引领性的制造业项目(含试点示范、两化融合贯标、智能车间/工厂、首台(套)等)',
    evidence: '认定文件',
  },
  coverage: {
    id: 'coverage',
    name: '规上企业“智改数转”覆盖率',
    unit: '%',
    clause: '附件2 二(一)3',
    definition: '实施“智改数转”项目的规上工业企业数 ÷ 本地区规上工业企业总数',
    evidence: '当年规上企业实施“智改数转”项目情况汇总表',
  },
};

export const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);
