// Record-level authorization and the defects the walk-through found: versions required, the
// enterprise list's certifications, government determinations claimed and confirmed, neutral
// answers about other regions' files and the transfer that replaces them, an export re-imported
// over a newer edit, the sign-off ranking per reader, and Suzhou regions outside 附件2.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/cli/cli-actor.ts';
import ExcelJS from '../src/lib/exceljs.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { COLUMNS } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { importEnterprises } from '../src/use-cases/enterprises/import-enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client, baoying: Client, kunshan: Client, qiye: Client, finance: Client;
let A: string; // qiye's enterprise, in 宝应县
let B: string; // an enterprise in 昆山市
beforeAll(async () => {
  t = await startTestApp({ enterprises: 40 });
  [admin, baoying, kunshan, qiye, finance] = await Promise.all((['admin', 'baoying', 'kunshan', 'qiye', 'finance'] as const).map((u) => login(t.app, u))) as [Client, Client, Client, Client, Client];
  A = (await qiye.request('GET', '/api/v1/auth/me')).json().user.enterpriseId;
  B = await t.enterpriseIn('sz-kunshan');
});
afterAll(async () => { await t?.close(); });

const read = async (id: string, as: Client = admin) => (await as.request('GET', `/api/v1/enterprises/${id}`)).json();

describe('versioned writes of the enterprise file', () => {
  it('refuses a change without the version it was made on, naming the field, and changes nothing', async () => {
    const before = await read(A);
    const res = await admin.request('PATCH', `/api/v1/enterprises/${A}`, { contactName: '无版本' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'version' });
    expect(await read(A)).toMatchObject({ version: before.version, contactName: before.contactName });
  });

  it('a stale version gets 409 that names the current version', async () => {
    const { version } = await read(A);
    expect((await admin.request('PATCH', `/api/v1/enterprises/${A}`, { contactName: '甲', version })).statusCode).toBe(200);
    const stale = await baoying.request('PATCH', `/api/v1/enterprises/${A}`, { contactName: '乙', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'version', details: { currentVersion: version + 1, submittedVersion: version } });
    expect(stale.json().message).toContain(`当前版本 ${version + 1}`);
  });
});

describe('the enterprise list', () => {
  it('carries each enterprise\'s certifications, the same as its file', async () => {
    const list = (await admin.request('GET', '/api/v1/enterprises?pageSize=100')).json() as { items: { id: string; certifications: unknown[] }[] };
    const withCerts = list.items.filter((e) => e.certifications.length > 0);
    expect(withCerts.length).toBeGreaterThan(0);
    for (const e of withCerts.slice(0, 5)) expect(e.certifications).toEqual((await read(e.id)).certifications);
  });
});

describe('certifications are government determinations: claimed by the enterprise, confirmed by its region', () => {
  const claim = { kind: 'recognition', level: 'national', title: '国家级智能制造示范工厂揭榜单位', year: 2023, evidence: '工信部装函〔2023〕1号' };
  const nationalCount = async () => ((await admin.request('GET', '/api/v1/dashboard/enterprise-stats')).json().certifications as { kind: string; level: string; enterprises: number }[])
    .find((c) => c.kind === 'recognition' && c.level === 'national')?.enterprises ?? 0;
  let claimId: string;

  it('a claim stays pending and counts nowhere until confirmed', async () => {
    const before = { file: await read(A), count: await nationalCount() };
    const res = await qiye.request('POST', `/api/v1/enterprises/${A}/certification-claims`, claim);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', evidence: claim.evidence, submittedBy: '企业用户(演示企业)' });
    claimId = res.json().id;
    const file = await read(A, qiye);
    expect(file.certifications).toEqual(before.file.certifications);
    expect(file.certificationClaims).toEqual([expect.objectContaining({ id: claimId, status: 'pending' })]);
    expect(await nationalCount()).toBe(before.count);
    expect((await baoying.request('GET', '/api/v1/certification-claims')).json().map((c: { id: string }) => c.id)).toContain(claimId);
    expect((await kunshan.request('GET', '/api/v1/certification-claims')).json()).toEqual([]);
  });

  it('a claim needs its evidence; another region\'s officer cannot review it; a rejection needs a reason', async () => {
    const { evidence: _e, ...bare } = claim;
    expect((await qiye.request('POST', `/api/v1/enterprises/${A}/certification-claims`, bare)).json()).toMatchObject({ code: 'INVALID', field: 'evidence' });
    expect((await kunshan.request('POST', `/api/v1/enterprises/${A}/certification-claims/${claimId}/review`, { decision: 'confirm' })).statusCode).toBe(404);
    expect((await baoying.request('POST', `/api/v1/enterprises/${A}/certification-claims/${claimId}/review`, { decision: 'reject' })).json()).toMatchObject({ code: 'INVALID', field: 'note' });
  });

  it('confirmed by the region\'s officer, it counts, and the file\'s version moves on', async () => {
    const before = { file: await read(A), count: await nationalCount() };
    const res = await baoying.request('POST', `/api/v1/enterprises/${A}/certification-claims/${claimId}/review`, { decision: 'confirm', note: '与工信部公示名单一致' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', reviewedBy: '宝应县工信局经办人' });
    const after = await read(A);
    expect(after.version).toBe(before.file.version + 1);
    expect(after.certifications).toContainEqual({ kind: 'recognition', level: 'national', title: claim.title, year: 2023 });
    expect(await nationalCount()).toBe(before.count + (before.file.certifications.some((c: { kind: string; level: string }) => c.kind === 'recognition' && c.level === 'national') ? 0 : 1));
    expect((await baoying.request('POST', `/api/v1/enterprises/${A}/certification-claims/${claimId}/review`, { decision: 'confirm' })).statusCode).toBe(409);
  });
});

describe('another region\'s file is never revealed', () => {
  it('filing a USCC already filed in another region answers neutrally and offers a transfer', async () => {
    const b = await read(B);
    const res = await baoying.request('POST', '/api/v1/enterprises', { ...demoEnterprise(77_001), uscc: b.uscc, regionId: 'yz-baoying' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ field: 'uscc', details: { transferable: true } });
    expect(res.json().message).not.toContain(b.name);
    expect(res.json().message).not.toContain('昆山');
  });

  it('recording a project with another region\'s enterprise id does not name it', async () => {
    const b = await read(B);
    const res = await baoying.request('POST', '/api/v1/assessment/projects', {
      regionId: 'yz-baoying', category: 'cloud', title: '上云项目', enterpriseName: '某企业', enterpriseId: B, countedOn: '2022-05-10',
      evidence: [{ kind: 'star-cloud-certificate', title: '四星级上云证书' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('enterpriseId');
    expect(res.json().message).not.toContain(b.name);
  });

  it('the transfer: requested by the officer, decided once by the city, and then the file is theirs', async () => {
    const b = await read(B);
    const req = await baoying.request('POST', '/api/v1/enterprise-transfers', { uscc: b.uscc, reason: '企业注册地已迁至宝应县' });
    expect(req.statusCode).toBe(201);
    expect(req.json()).toMatchObject({ status: 'pending', enterpriseName: null, fromRegionId: null, toRegionId: 'yz-baoying' });
    expect((await baoying.request('POST', '/api/v1/enterprise-transfers', { uscc: b.uscc, reason: '再次申请' })).statusCode).toBe(409);
    expect((await kunshan.request('GET', '/api/v1/enterprise-transfers')).json()).toEqual([expect.objectContaining({ id: req.json().id, enterpriseName: b.name })]);
    expect((await baoying.request('POST', `/api/v1/enterprise-transfers/${req.json().id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    const decided = await admin.request('POST', `/api/v1/enterprise-transfers/${req.json().id}/decide`, { decision: 'approve', note: '核实无误' });
    expect(decided.statusCode).toBe(200);
    expect((await admin.request('POST', `/api/v1/enterprise-transfers/${req.json().id}/decide`, { decision: 'reject', note: '重复' })).statusCode).toBe(409);
    expect(await read(B, baoying)).toMatchObject({ regionId: 'yz-baoying', version: b.version + 1 });
    expect((await kunshan.request('GET', `/api/v1/enterprises/${B}`)).statusCode).toBe(404);
  });
});

describe('re-importing an export does not undo a newer edit', () => {
  async function exportedRows(): Promise<string[][]> {
    const res = await admin.request('GET', '/api/v1/enterprises/export?regionId=yz-gaoyou');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return rows;
  }
  const toFile = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('a row exported before an edit is refused with a per-row conflict naming the enterprise and the fields', async () => {
    const rows = await exportedRows();
    expect(rows[0]!.at(-1)).toBe(COLUMNS.at(-1)!.header);
    const row = rows[1]!;
    const id = (await admin.request('GET', `/api/v1/enterprises?q=${row[0]}`)).json().items[0].id as string;
    const file = await read(id);
    expect(row.at(-1)).toBe(String(file.version));
    expect((await admin.request('PATCH', `/api/v1/enterprises/${id}`, { contactPhone: '0514-88880000', version: file.version })).statusCode).toBe(200);
    // The old export, with one unrelated change to the same row.
    const phoneCol = COLUMNS.findIndex((c) => c.key === 'contactPhone');
    const addressCol = COLUMNS.findIndex((c) => c.key === 'address');
    row[addressCol] = '高邮市新地址1号';
    const report = await importEnterprises(t.database.db, cliActor(), Readable.from(await toFile(rows)));
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: COLUMNS.at(-1)!.header })]);
    expect(report.errors[0]!.message).toContain(file.name);
    expect(report.errors[0]!.message).toContain('联系电话');
    expect(report.errors[0]!.message).toContain('地址');
    expect(await read(id)).toMatchObject({ contactPhone: '0514-88880000', version: file.version + 1, address: file.address });
    expect(rows[1]![phoneCol]).not.toBe('0514-88880000');
  });

  it('a sheet without versions is previewed field by field before it is confirmed', async () => {
    const rows = (await exportedRows()).map((r) => r.slice(0, -1));
    const nameCol = COLUMNS.findIndex((c) => c.key === 'contactName');
    const before = rows[2]![nameCol]!;
    rows[2]![nameCol] = '新联系人';
    const preview = await importEnterprises(t.database.db, cliActor(), Readable.from(await toFile(rows)), { dryRun: true });
    expect(preview).toMatchObject({ committed: false, updated: 1, changesTotal: 1 });
    expect(preview.changes).toEqual([{ row: 3, uscc: rows[2]![0], name: rows[2]![1], fields: [{ field: 'contactName', label: '联系人', before, after: '新联系人' }] }]);
  });
});

describe('the assessment as each reader may see it', () => {
  it('after submission an officer sees their own ranking row only; a Suzhou officer none; 考核办 all', async () => {
    expect((await admin.request('POST', '/api/v1/assessment/2022/sign-off/submit')).statusCode).toBe(200);
    const ranking = async (c: Client) => (await c.request('GET', '/api/v1/assessment/2022/sign-off')).json().ranking as { regionId: string }[];
    expect((await ranking(baoying)).map((r) => r.regionId)).toEqual(['yz-baoying']);
    expect(await ranking(kunshan)).toEqual([]);
    expect(await ranking(finance)).toHaveLength(8);
    expect((await finance.request('POST', '/api/v1/assessment/2022/sign-off/return', { reason: '测试后退回' })).statusCode).toBe(200);
  });

  it('a Suzhou officer is told the Yangzhou assessment does not apply, not given a 500', async () => {
    for (const url of ['/api/v1/assessment/2022/bulletins/2', '/api/v1/assessment/2022/tracking?month=6', '/api/v1/assessment/2022/forecast?month=6', '/api/v1/assessment/2022/targets']) {
      const res = await kunshan.request('GET', url);
      expect([url, res.statusCode]).toEqual([url, 403]);
      expect(res.json().details).toEqual({ notAssessed: true });
    }
  });

  it('an officer\'s bulletin says whose part it is, and its total equals the region\'s own row', async () => {
    const b = (await baoying.request('GET', '/api/v1/assessment/2022/bulletins/2')).json();
    expect(b.title).toContain('(宝应县部分)');
    expect(b.tracking.rows).toHaveLength(1);
    expect(b.tracking.cityTotal.regionName).toBe('宝应县合计');
    expect(b.tracking.cityTotal.cells).toEqual(Object.fromEntries(Object.entries(b.tracking.rows[0].cells as Record<string, Record<string, unknown>>)
      .map(([k, c]) => [k, { target: c.target, actual: c.actual, rate: c.rate, behindSchedule: c.behindSchedule }])));
  });

  it('the year-end bulletin reports results, not forecasts, and counts as integers', async () => {
    const b = (await admin.request('GET', '/api/v1/assessment/2022/bulletins/4')).json();
    const reasons = (b.findings as { reasons: string[] }[]).flatMap((f) => f.reasons);
    expect(reasons.some((r) => r.includes('预计'))).toBe(false);
    const projected = (b.tracking.rows as { cells: Record<string, { projected?: string }> }[]).flatMap((r) => Object.values(r.cells).map((c) => c.projected));
    expect(projected.every((p) => p === undefined || /^\d+$/.test(p))).toBe(true);
  });
});
