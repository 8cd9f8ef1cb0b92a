// A small 2023 assessment entered through the same operations an officer and the city use, with
// every point of its result computed by hand below. Targets are 2 of everything and 40% coverage
// for the eight scored regions, so a handful of records decide the scores.
//
// 智能化改造: 宝应 3 (150%), 高邮 2 (exactly 100%), 仪征 1 (exactly 50%), others 0.
//   count ranks 1, 2, 3, 4…; rate ranks the same; 排名合计 2, 4, 6, 8 →
//   完成目标: 宝应 15, 高邮 14.5; 完成50%: 仪征 10; the rest below 50% → 0.
// 上云用数 and 数字画像: none anywhere → 0 for all (below 50%).
// 数字标杆: none anywhere → every rate 0, all 并列 first → 15 each (二(一)2 read literally).
// 覆盖率: 宝应 50/100 (125%) → 15; the other seven 40/100 (100%) 并列 second → 14.
// 五个一: 宝应 has 工作专班 and a full activity record (a listed activity each quarter, a hosted
//   市级 event each half year) → 10; the others 0.
// 加分: 宝应 provincial fund project +0.5 and a provincial 星级上云 recognition (0, 指标说明2) → 0.5.
// 减分: 高邮 once → −0.2.
// Totals: 宝应 15+0+0+15+15+10+0.5 = 55.5; 高邮 14.5+15+14−0.2 = 43.3; 仪征 10+15+14 = 39;
//   江都 邗江 广陵 开发区 新城 15+14 = 29 each. Ranking 宝应 1, 高邮 2, 仪征 3, the five 并列 4.
export const YEAR = 2023;
export const SCORED = ['yz-baoying', 'yz-gaoyou', 'yz-yizheng', 'yz-jiangdu', 'yz-hanjiang', 'yz-guangling', 'yz-etdz', 'yz-eco'];
export const EXPECTED_TOTALS: Record<string, number> = {
  'yz-baoying': 55.5, 'yz-gaoyou': 43.3, 'yz-yizheng': 39,
  'yz-jiangdu': 29, 'yz-hanjiang': 29, 'yz-guangling': 29, 'yz-etdz': 29, 'yz-eco': 29,
};
export const EXPECTED_RANKS: Record<string, number> = {
  'yz-baoying': 1, 'yz-gaoyou': 2, 'yz-yizheng': 3,
  'yz-jiangdu': 4, 'yz-hanjiang': 4, 'yz-guangling': 4, 'yz-etdz': 4, 'yz-eco': 4,
};

export type Who = 'admin' | 'baoying';
export type Operation =
  | { kind: 'targets'; as: Who; body: unknown }
  | { kind: 'project'; as: Who; body: unknown }
  | { kind: 'coverage'; as: Who; body: unknown }
  | { kind: 'workItem'; as: Who; regionId: string; item: string; body: unknown }
  | { kind: 'activity'; as: Who; body: unknown }
  | { kind: 'event'; as: Who; body: unknown };

const subsidy = [{ kind: 'subsidy-voucher', title: '县级智能化改造奖补资金拨付凭证', reference: '宝财〔2023〕8号' }];
export const retrofit = (regionId: string, countedOn: string, n: number) => ({
  regionId, category: 'retrofit', title: `智能化改造项目${n}`, enterpriseName: `扬州测试企业${n}`, countedOn, subsidyLevel: 'county', evidence: subsidy,
});
const coverage = (regionId: string, covered: number) => ({
  regionId, month: 12, covered, total: 100, evidence: [{ kind: 'coverage-summary', title: `${regionId} 2023年规上企业实施项目情况汇总表` }],
});
const activity = (date: string, over: Record<string, unknown> = {}) => ({
  regionId: 'yz-baoying', date, type: 'training', level: 'county', hostedByLocalGovernment: true, title: `${date} 专题培训`,
  evidence: [{ kind: 'news', title: `${date} 新闻报道` }], ...over,
});

export const SCENARIO: Operation[] = [
  {
    kind: 'targets', as: 'admin',
    body: { reference: '2023年目标(测试)', regions: SCORED.map((regionId) => ({ regionId, retrofit: 2, cloud: 2, portrait: 2, benchmark: 2, coveragePercent: 40 })) },
  },
  { kind: 'project', as: 'baoying', body: retrofit('yz-baoying', '2023-02-10', 1) },
  { kind: 'project', as: 'baoying', body: retrofit('yz-baoying', '2023-05-10', 2) },
  { kind: 'project', as: 'baoying', body: retrofit('yz-baoying', '2023-08-10', 3) },
  { kind: 'project', as: 'admin', body: retrofit('yz-gaoyou', '2023-03-01', 4) },
  { kind: 'project', as: 'admin', body: retrofit('yz-gaoyou', '2023-11-01', 5) },
  { kind: 'project', as: 'admin', body: retrofit('yz-yizheng', '2023-12-01', 6) },
  ...SCORED.map((r): Operation => ({ kind: 'coverage', as: r === 'yz-baoying' ? 'baoying' : 'admin', body: coverage(r, r === 'yz-baoying' ? 50 : 40) })),
  { kind: 'workItem', as: 'baoying', regionId: 'yz-baoying', item: 'workTeam', body: { done: true, evidence: [{ kind: 'document', title: '宝政办发〔2023〕3号 成立智改数转工作专班' }] } },
  { kind: 'activity', as: 'baoying', body: activity('2023-02-15') },
  { kind: 'activity', as: 'baoying', body: activity('2023-04-20', { type: 'site-visit', level: 'city', title: '市级现场观摩会' }) },
  { kind: 'activity', as: 'baoying', body: activity('2023-08-10') },
  { kind: 'activity', as: 'baoying', body: activity('2023-10-12', { type: 'policy-briefing', level: 'city', title: '市级政策解读会' }) },
  {
    kind: 'event', as: 'baoying',
    body: { direction: 'bonus', regionId: 'yz-baoying', date: '2023-06-01', kind: 'fund-project', level: 'provincial', title: '省级工业和信息产业转型升级专项', evidence: [{ kind: 'approval', title: '苏工信〔2023〕1号' }] },
  },
  {
    kind: 'event', as: 'baoying',
    body: { direction: 'bonus', regionId: 'yz-baoying', date: '2023-07-01', kind: 'recognition', level: 'provincial', subject: 'star-cloud', title: '省五星级上云企业', evidence: [{ kind: 'approval', title: '认定文件' }] },
  },
  {
    kind: 'event', as: 'admin',
    body: { direction: 'deduction', regionId: 'yz-gaoyou', date: '2023-09-01', issuer: 'city', title: '未按期报送三季度调度材料', evidence: [{ kind: 'notice', title: '扬智改办〔2023〕9号督办通知' }] },
  },
];

/** The HTTP request of an operation. */
export function toRequest(op: Operation): { method: 'PUT' | 'POST'; url: string; body: unknown } {
  switch (op.kind) {
    case 'targets': return { method: 'PUT', url: `/api/v1/assessment/${YEAR}/targets`, body: op.body };
    case 'project': return { method: 'POST', url: '/api/v1/assessment/projects', body: op.body };
    case 'coverage': return { method: 'PUT', url: `/api/v1/assessment/${YEAR}/coverage`, body: op.body };
    case 'workItem': return { method: 'PUT', url: `/api/v1/assessment/${YEAR}/work-items/${op.regionId}/${op.item}`, body: op.body };
    case 'activity': return { method: 'POST', url: '/api/v1/assessment/activities', body: op.body };
    case 'event': return { method: 'POST', url: '/api/v1/assessment/events', body: op.body };
  }
}
