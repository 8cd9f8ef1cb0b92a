// The spreadsheet layout in which a region files its counted projects (指标说明) with the evidence
// 核查内容 requires: one row a project. Chinese labels and codes are both accepted.
import { CATEGORY_INFO, COUNT_CATEGORIES, EVIDENCE_KIND_NAMES, EVIDENCE_KINDS, SUBSIDY_LEVELS } from '../../domain/scoring/index.ts';
import { REGIONS } from '../../domain/regions.ts';

export const PROJECT_COLUMNS = [
  { key: 'region', header: '所属地区' },
  { key: 'category', header: '类别' },
  { key: 'title', header: '项目名称' },
  { key: 'enterpriseName', header: '企业名称' },
  { key: 'countedOn', header: '计入日期' },
  { key: 'subsidyLevel', header: '奖补资金级别' },
  { key: 'evidence', header: '佐证材料(类别|名称|文号,多项以;分隔)' },
] as const;
export type ProjectColumn = (typeof PROJECT_COLUMNS)[number]['key'];

const strip = (s: string) => s.replace(/[“”"]/g, '').replace(/项目$/, '');
const SHORT_NAMES: Record<(typeof COUNT_CATEGORIES)[number], string> = { retrofit: '智能化改造', cloud: '上云用数', portrait: '数字画像', benchmark: '数字标杆' };
const CATEGORY_BY_LABEL = new Map<string, string>(COUNT_CATEGORIES.flatMap((c) => [[c, c], [strip(CATEGORY_INFO[c].name), c], [SHORT_NAMES[c], c]] as [string, string][]));
const LEVEL_LABELS: Record<(typeof SUBSIDY_LEVELS)[number], string[]> = {
  county: ['县级', '县(市、区)级', '区级'], city: ['市级'], provincial: ['省级'], national: ['国家级'],
};
const LEVEL_BY_LABEL = new Map<string, string>(SUBSIDY_LEVELS.flatMap((l) => [[l, l], ...LEVEL_LABELS[l].map((x) => [x, l])] as [string, string][]));
const EVIDENCE_BY_LABEL = new Map<string, string>(EVIDENCE_KINDS.flatMap((k) => [[k, k], [EVIDENCE_KIND_NAMES[k], k]] as [string, string][]));
const REGION_BY_NAME = new Map(REGIONS.flatMap((r) => [[r.name, r.id], [r.id, r.id]] as [string, string][]));

/** Cell texts to the shape projectRecordSchema validates; unmapped values pass through for its message. */
export function projectRowToInput(cells: Record<ProjectColumn, string>): Record<string, unknown> {
  return {
    regionId: REGION_BY_NAME.get(cells.region) ?? cells.region,
    category: CATEGORY_BY_LABEL.get(strip(cells.category)) ?? cells.category,
    title: cells.title,
    enterpriseName: cells.enterpriseName,
    countedOn: cells.countedOn,
    ...(cells.subsidyLevel ? { subsidyLevel: LEVEL_BY_LABEL.get(cells.subsidyLevel) ?? cells.subsidyLevel } : {}),
    evidence: cells.evidence.split(/[;;]/).map((x) => x.trim()).filter(Boolean).map((item) => {
      const [kind = '', title = '', reference = ''] = item.split('|').map((p) => p.trim());
      return { kind: EVIDENCE_BY_LABEL.get(kind) ?? kind, title, ...(reference ? { reference } : {}) };
    }),
  };
}
