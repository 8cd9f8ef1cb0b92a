// The spreadsheet layout of the enterprise file, shared by import and export so that an exported
// workbook imports back unchanged. Headers are Chinese, as the district offices use them.
import { CERTIFICATION_KINDS, LEGAL_FORMS } from '../../domain/enterprise/chains.ts';
import { REGIONS } from '../../domain/regions.ts';
import type { EnterpriseView } from './enterprise-presenter.ts';

export const COLUMNS = [
  { key: 'uscc', header: '统一社会信用代码', width: 22 },
  { key: 'name', header: '企业名称', width: 32 },
  { key: 'region', header: '所属地区', width: 16 },
  { key: 'industryCode', header: '行业代码(GB/T 4754)', width: 14 },
  { key: 'aboveScale', header: '是否规上', width: 10 },
  { key: 'chains', header: '产业链', width: 24 },
  { key: 'legalForm', header: '法人类型', width: 12 },
  { key: 'contactName', header: '联系人', width: 12 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
  { key: 'contactEmail', header: '电子邮箱', width: 24 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'certifications', header: '认定(类别|等级|年份|名称,多项以;分隔)', width: 48 },
  // The version the row was exported at: an import refuses a row whose file was changed since, so
  // re-importing an old export cannot undo a newer edit. Left empty for new enterprises.
  { key: 'version', header: '档案版本(请勿修改)', width: 12 },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

const CERT_KIND_BY_LABEL = new Map<string, string>([
  ['两化融合', 'integration'], ['两化融合贯标', 'integration'], ['两化融合管理体系贯标', 'integration'],
  ['星级上云', 'cloud'], ['上云', 'cloud'], ['示范称号', 'recognition'], ['示范', 'recognition'],
  ...Object.keys(CERTIFICATION_KINDS).map((k) => [k, k] as [string, string]),
]);
const CERT_SHORT_LABEL: Record<string, string> = { integration: '两化融合', cloud: '星级上云', recognition: '示范称号' };
const LEVEL_LABEL: Record<string, string> = { national: '国家级', provincial: '省级', municipal: '市级' };
const LEVEL_BY_LABEL = new Map(Object.entries(LEVEL_LABEL).map(([k, v]) => [v, k]));
const REGION_BY_NAME = new Map(REGIONS.flatMap((r) => [[r.name, r.id], [r.id, r.id]] as [string, string][]));
const REGION_NAME = new Map(REGIONS.map((r) => [r.id, r.name]));
const LEGAL_FORM_BY_LABEL = new Map<string, string>([['独立法人', 'independent'], ['分支机构', 'branch'], ['independent', 'independent'], ['branch', 'branch']]);

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0']);

/**
 * Turns one row of cell texts into the shape enterpriseCreateSchema validates. Values it cannot map
 * pass through unchanged so the schema reports them with its own message.
 */
export function rowToInput(cells: Record<ColumnKey, string>): Record<string, unknown> {
  const upper = cells.aboveScale.toUpperCase();
  const split = (s: string) => s.split(/[、,,;;]/).map((x) => x.trim()).filter(Boolean);
  return {
    uscc: cells.uscc,
    name: cells.name,
    regionId: REGION_BY_NAME.get(cells.region) ?? cells.region,
    industryCode: cells.industryCode,
    aboveScale: YES.has(upper) ? true : NO.has(upper) ? false : cells.aboveScale,
    chains: split(cells.chains),
    legalForm: LEGAL_FORM_BY_LABEL.get(cells.legalForm) ?? cells.legalForm,
    contactName: cells.contactName || null,
    contactPhone: cells.contactPhone || null,
    contactEmail: cells.contactEmail || null,
    address: cells.address || null,
    certifications: cells.certifications.split(/[;;]/).map((x) => x.trim()).filter(Boolean).map((item) => {
      const [kind = '', level = '', year = '', ...title] = item.split('|').map((p) => p.trim());
      const k = CERT_KIND_BY_LABEL.get(kind) ?? kind;
      return {
        kind: k,
        level: k === 'recognition' ? (LEVEL_BY_LABEL.get(level) ?? level) : level.replace(/星$/, ''),
        year: /^\d+$/.test(year) ? Number(year) : year,
        title: title.join('|'),
      };
    }),
  };
}

/** The fields a row shows: a stored file (EnterpriseView) or a validated input both fit. */
export type RowSource = Pick<EnterpriseView, 'uscc' | 'name' | 'regionId' | 'industryCode' | 'aboveScale' | 'legalForm' | 'certifications'> & {
  version?: number;
  chains: readonly string[];
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  address?: string | null;
};

export function enterpriseToRow(e: RowSource): string[] {
  return [
    e.uscc, e.name, REGION_NAME.get(e.regionId) ?? e.regionId, e.industryCode, e.aboveScale ? '是' : '否',
    e.chains.join('、'), LEGAL_FORMS[e.legalForm], e.contactName ?? '', e.contactPhone ?? '', e.contactEmail ?? '',
    e.address ?? '',
    e.certifications.map((c) => [CERT_SHORT_LABEL[c.kind], c.kind === 'recognition' ? LEVEL_LABEL[c.level] : c.level, c.year, c.title].join('|')).join(';'),
    e.version === undefined ? '' : String(e.version),
  ];
}
