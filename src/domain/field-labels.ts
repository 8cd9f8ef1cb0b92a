// What a user calls the inputs that API errors name. An error's `field` is a dotted path of schema
// keys (`contactEmail`, `rows[3].uscc`, `facts.investment`); users see forms, not schemas, so the
// server's message and the web's translated sentence both name the field by these labels. Pure.
export interface FieldLabel { zh: string; en: string }

export const FIELD_LABELS: Readonly<Record<string, FieldLabel>> = {
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  name: { zh: '名称', en: 'Name' },
  regionId: { zh: '所属地区', en: 'Region' },
  region: { zh: '所属地区', en: 'Region' },
  industryCode: { zh: '行业代码', en: 'Industry code' },
  industry: { zh: '行业', en: 'Industry' },
  aboveScale: { zh: '规上企业', en: 'Above designated size' },
  legalForm: { zh: '企业类型', en: 'Legal form' },
  chains: { zh: '产业链', en: 'Industrial chains' },
  contactName: { zh: '联系人', en: 'Contact name' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  contactEmail: { zh: '联系邮箱', en: 'Contact email' },
  address: { zh: '地址', en: 'Address' },
  certifications: { zh: '认定与称号', en: 'Certifications' },
  kind: { zh: '类型', en: 'Kind' },
  level: { zh: '级别', en: 'Level' },
  year: { zh: '年度', en: 'Year' },
  title: { zh: '标题', en: 'Title' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  oldPassword: { zh: '原密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  displayName: { zh: '姓名', en: 'Display name' },
  role: { zh: '角色', en: 'Role' },
  departmentId: { zh: '部门', en: 'Department' },
  organisationId: { zh: '机构', en: 'Organisation' },
  orgId: { zh: '机构', en: 'Organisation' },
  enterpriseId: { zh: '企业', en: 'Enterprise' },
  providerId: { zh: '服务商', en: 'Provider' },
  supervisorId: { zh: '监理', en: 'Supervisor' },
  policyId: { zh: '政策', en: 'Policy' },
  policy: { zh: '政策', en: 'Policy' },
  measure: { zh: '措施', en: 'Measure' },
  date: { zh: '日期', en: 'Date' },
  asOf: { zh: '测算日期', en: 'Date' },
  facts: { zh: '企业情况', en: 'Enterprise facts' },
  overrides: { zh: '假设调整', en: 'What-if overrides' },
  amountFen: { zh: '金额', en: 'Amount' },
  budgetFen: { zh: '预算', en: 'Budget' },
  feeFen: { zh: '费用', en: 'Fee' },
  advanceFen: { zh: '预拨金额', en: 'Advance' },
  countyPartFen: { zh: '县区承担部分', en: 'County share' },
  paidOn: { zh: '支付日期', en: 'Payment date' },
  receivedOn: { zh: '收到日期', en: 'Date received' },
  completedOn: { zh: '完成日期', en: 'Completion date' },
  contractedOn: { zh: '签约日期', en: 'Contract date' },
  servedOn: { zh: '服务日期', en: 'Service date' },
  assessedOn: { zh: '评估日期', en: 'Assessment date' },
  dueOn: { zh: '截止日期', en: 'Due date' },
  rectifyBy: { zh: '整改期限', en: 'Rectify by' },
  onSiteFrom: { zh: '入场日期', en: 'On site from' },
  heldAt: { zh: '举办日期', en: 'Held on' },
  start: { zh: '开始日期', en: 'Start' },
  note: { zh: '备注', en: 'Note' },
  reason: { zh: '理由', en: 'Reason' },
  purpose: { zh: '用途', en: 'Purpose' },
  content: { zh: '内容', en: 'Content' },
  evidence: { zh: '证明材料', en: 'Evidence' },
  file: { zh: '文件', en: 'File' },
  body: { zh: '提交的内容', en: 'Submitted data' },
  'content-type': { zh: '文件类型', en: 'File type' },
  quarter: { zh: '季度', en: 'Quarter' },
  month: { zh: '月份', en: 'Month' },
  city: { zh: '城市', en: 'City' },
  scope: { zh: '范围', en: 'Scope' },
  scopes: { zh: '范围', en: 'Scopes' },
  action: { zh: '操作', en: 'Action' },
  to: { zh: '目标状态', en: 'Target state' },
  value: { zh: '数值', en: 'Value' },
  answers: { zh: '自评答卷', en: 'Answers' },
  totalScore: { zh: '总分', en: 'Total score' },
  domainScores: { zh: '分项得分', en: 'Domain scores' },
  coverage: { zh: '覆盖率', en: 'Coverage' },
  targets: { zh: '目标表', en: 'Target table' },
  rows: { zh: '行', en: 'Rows' },
  id: { zh: '编号', en: 'Record' },
  q: { zh: '关键词', en: 'Search text' },
  page: { zh: '页码', en: 'Page' },
  pageSize: { zh: '每页条数', en: 'Page size' },
  products: { zh: '产品', en: 'Products' },
  investment: { zh: '投资额', en: 'Investment' },
  applicationIds: { zh: '申报', en: 'Applications' },
  diagnosisId: { zh: '诊断', en: 'Diagnosis' },
  indicatorId: { zh: '指标', en: 'Indicator' },
  documentId: { zh: '文件', en: 'Document' },
  progress: { zh: '进度', en: 'Progress' },
  workItems: { zh: '五个一工作', en: 'Five-ones work items' },
  activities: { zh: '活动', en: 'Activities' },
  bonusEvents: { zh: '加分事项', en: 'Bonus events' },
  deductions: { zh: '扣分事项', en: 'Deductions' },
};

/** camelCase or snake_case to words: the last resort for a key the table does not know. */
function words(key: string): string {
  return key.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
}

/**
 * The label of a field path in a language. The last named segment decides the label; a list index
 * before it becomes "第 n 行" / "row n" so an import error still points at its row.
 */
export function fieldLabel(path: string, lang: 'zh' | 'en', extra: Readonly<Record<string, FieldLabel>> = {}): string {
  const whole = extra[path] ?? FIELD_LABELS[path];
  if (whole) return whole[lang];
  const segments = path.split(/[.[\]]+/).filter(Boolean);
  const isIndex = (seg: string) => /^\d+$/.test(seg);
  // The last named segment that has a label decides it; the list index nearest before it is the row.
  let at = segments.length - 1;
  let label: string | undefined;
  for (; at >= 0; at--) {
    const seg = segments[at]!;
    if (isIndex(seg)) continue;
    const known = extra[seg] ?? FIELD_LABELS[seg];
    if (known) { label = known[lang]; break; }
  }
  if (label === undefined) {
    at = segments.length - 1;
    while (at > 0 && isIndex(segments[at]!)) at--;
    const last = segments[at] ?? path;
    // Chinese messages already name a field in Chinese (a sheet column): keep it as written.
    label = /[\u3400-\u9fff]/.test(last) || lang === 'zh' ? last : words(last);
  }
  let row: number | undefined;
  for (let i = at - 1; i >= 0 && row === undefined; i--) {
    const seg = segments[i]!;
    if (!isIndex(seg)) continue;
    // An import names its sheet line (`rows[12]`); other lists name their 0-based index.
    row = segments[i - 1] === 'rows' ? Number(seg) - 1 : Number(seg);
  }
  if (row === undefined) return label;
  return lang === 'zh' ? `第 ${row + 1} 项的${label}` : `${label} (item ${row + 1})`;
}
