// Uploads that are parsed (the enterprise import, counted projects, targets, batch matching) are
// read within bounds checked while they stream: hostile workbooks built here as small files that
// unpack to gigabytes are refused with the bound named, broken files get a 400 (never a 500), a
// hostile file's errors are counted beyond the first 1,000 listed, and a client that goes away
// stops the work and commits nothing. Row limits are lowered for this file to keep it quick (the
// mechanism is the one the defaults use); test/upload-memory.test.ts runs the defaults in a server
// process and measures its memory.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/cli/cli-actor.ts';
import { auditPending } from '../src/db/schema/audit.ts';
import { enterprises } from '../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { UploadAborted } from '../src/io/upload-limits.ts';
import ExcelJS from '../src/lib/exceljs.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { COLUMNS, enterpriseToRow } from '../src/use-cases/enterprises/enterprise-columns.ts';
import { importEnterprises } from '../src/use-cases/enterprises/import-enterprises.ts';
import { PROJECT_COLUMNS } from '../src/use-cases/assessment/project-columns.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';
import { enterpriseWorkbook } from './helpers/xlsx.ts';
import { invalidRowsSheet, repeated, SHEET_HEAD, SHEET_TAIL, headerRow, sharedStringsBomb, workbookParts, zipFile } from './helpers/xlsx-bombs.ts';

// Lowered for this file's server only: test files share a process (isolate: false), so the
// defaults come back when the file ends.
const LOWERED = { ZGSZ_IMPORT_MAX_ROWS: '20000', ZGSZ_BATCH_MAX_ROWS: '50000', ZGSZ_CSV_MAX_MB: '5' };
const saved = Object.fromEntries(Object.keys(LOWERED).map((k) => [k, process.env[k]]));
const MB = 1024 * 1024;

let t: TestApp;
let officer: Client;
let admin: Client;
beforeAll(async () => {
  Object.assign(process.env, LOWERED);
  t = await startTestApp({ enterprises: 0 });
  officer = await login(t.app, 'baoying');
  admin = await login(t.app, 'admin');
});
afterAll(async () => {
  await t?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const HEADERS = COLUMNS.map((c) => c.header);
const YZ = '/api/v1/policies/yangzhou-2022-20';
const importXlsx = (c: Client, file: Buffer, dryRun = false) =>
  c.request('POST', `/api/v1/enterprises/import?dryRun=${dryRun}`, file, { 'content-type': XLSX_MIME });
const batch = (file: Buffer, type: string) => officer.request('POST', `${YZ}/batch/upload?date=2023-06-01`, file, { 'content-type': type });
const enterpriseCount = async () => Number((await t.database.db.select({ n: count() }).from(enterprises))[0]!.n);
const pendingAudit = async () => Number((await t.database.db.select({ n: count() }).from(auditPending))[0]!.n);
const inline = (text: string, ref = '') => `<c${ref ? ` r="${ref}"` : ''} t="inlineStr"><is><t>${text}</t></is></c>`;
const sheetOf = (rows: string) => SHEET_HEAD + headerRow(HEADERS) + rows + SHEET_TAIL;

function expectLimit(res: { statusCode: number; json(): unknown }, limit: string, allowed: number, setting: string) {
  expect(res.statusCode).toBe(413);
  const body = res.json() as { code: string; field: string; message: string; details: { limit: string; allowed: number; setting: string } };
  expect(body).toMatchObject({ code: 'TOO_LARGE', field: 'file', details: { limit, allowed, setting } });
  expect(body.message).toContain(setting);
  return body.message;
}

/** Six kinds of file that are not a readable workbook. */
async function corruptFiles(): Promise<[string, Buffer][]> {
  const good = await enterpriseWorkbook([enterpriseToRow(demoEnterprise(1))]);
  return [
    ['a truncated workbook', good.subarray(0, Math.floor(good.length / 2))],
    ['a zip without a workbook', zipFile([{ name: 'readme.txt', content: '这不是工作簿' }])],
    ['random bytes', randomBytes(4096)],
    ['random bytes after a zip signature', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(4096)])],
    ['a workbook whose XML is not well formed', zipFile(workbookParts(sheetOf(''), { workbookXml: '<workbook><sheets><sheet name="企业" r:id="rId1"></workbook' }))],
    ['an empty file', Buffer.alloc(0)],
    ['a workbook whose sheet is missing', zipFile(workbookParts(null))],
  ];
}

describe('enterprise import: hostile workbooks are refused within bounds, naming the bound', () => {
  it('a sheet that unpacks to over a gigabyte (millions of invalid rows in 11 MB) is refused before it is unpacked', async () => {
    const sheet = invalidRowsSheet(HEADERS, 5_000_000);
    const file = zipFile(workbookParts(sheet));
    expect(file.length).toBeLessThan(20 * MB);
    expect(sheet.size).toBeGreaterThan(1000 * MB);
    const message = expectLimit(await importXlsx(officer, file), 'unzippedBytes', 200 * MB, 'ZGSZ_XLSX_MAX_UNZIPPED_MB');
    expect(message).toContain('200 MB');
    expect(await enterpriseCount()).toBe(0);
  });

  it('one that understates its unpacked size is refused as soon as it unpacks past what it declared', async () => {
    const file = zipFile(workbookParts(invalidRowsSheet(HEADERS, 5_000_000), { sheetDeclared: MB }));
    const res = await importXlsx(officer, file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'file' });
    expect(res.json().message).toContain('比声明的');
  });

  it('rows beyond the row limit stop the reading (the header is not counted)', async () => {
    const file = zipFile(workbookParts(invalidRowsSheet(HEADERS, 100_000)));
    const message = expectLimit(await importXlsx(officer, file), 'rows', 20_000, 'ZGSZ_IMPORT_MAX_ROWS');
    expect(message).toContain('20,000');
  });

  it('45 million shared strings in a 3 MB file are refused at the shared-string limit, declared or not', async () => {
    const sheet = invalidRowsSheet(HEADERS, 10);
    // The count is declared: refused on reading it. Not declared, and the size understated: refused
    // at the 2,000,001st string.
    expectLimit(await importXlsx(officer, zipFile(workbookParts(sheet, { shared: sharedStringsBomb(45_000_000, true), sharedDeclared: 100 * MB }))),
      'sharedStrings', 2_000_000, 'ZGSZ_XLSX_MAX_SHARED_STRINGS');
    const silent = zipFile(workbookParts(sheet, { shared: sharedStringsBomb(45_000_000), sharedDeclared: 100 * MB }));
    expect(silent.length).toBeLessThan(5 * MB);
    expectLimit(await importXlsx(officer, silent), 'sharedStrings', 2_000_000, 'ZGSZ_XLSX_MAX_SHARED_STRINGS');
  });

  it('shared strings may not hold more characters in all than allowed', async () => {
    const shared = repeated('<?xml version="1.0"?><sst>', `<si><t>${'字'.repeat(10_000)}</t></si>`, 3001, '</sst>');
    expectLimit(await importXlsx(officer, zipFile(workbookParts(invalidRowsSheet(HEADERS, 1), { shared }))), 'sharedChars', 30_000_000, 'ZGSZ_XLSX_MAX_SHARED_CHARS');
  });

  it('a cell longer than allowed is refused naming its row and cell', async () => {
    const file = zipFile(workbookParts(sheetOf(`<row r="2">${inline('91320000000000000X')}${inline('长'.repeat(10_001), 'B2')}</row>`)));
    const message = expectLimit(await importXlsx(officer, file), 'cellChars', 10_000, 'ZGSZ_UPLOAD_MAX_CELL_CHARS');
    expect(message).toContain('第2行的单元格 B2');
  });

  it('a 100 MB run of text without markup is refused before the parser gathers it', async () => {
    const sheet = repeated(`${SHEET_HEAD}${headerRow(HEADERS)}<row r="2"><c><v>`, 'a'.repeat(64 * 1024), 1600, `</v></c></row>${SHEET_TAIL}`);
    expectLimit(await importXlsx(officer, zipFile(workbookParts(sheet))), 'cellChars', 10_000, 'ZGSZ_UPLOAD_MAX_CELL_CHARS');
  });

  it('a value beyond the 200th column is refused naming the cell', async () => {
    const file = zipFile(workbookParts(sheetOf(`<row r="2">${inline('x', 'A2')}${inline('y', 'GS2')}</row>`)));
    const message = expectLimit(await importXlsx(officer, file), 'columns', 200, 'ZGSZ_UPLOAD_MAX_COLUMNS');
    expect(message).toContain('GS2');
  });

  it('an upload larger than ZGSZ_UPLOAD_MAX_MB is refused, even one that does not declare its length', async () => {
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(21 * MB)]);
    expectLimit(await importXlsx(officer, big), 'bytes', 20 * MB, 'ZGSZ_UPLOAD_MAX_MB');
    // Chunked, without Content-Length: counted as it arrives.
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/enterprises/import', payload: Readable.from((function* () { for (let i = 0; i < 22; i++) yield Buffer.alloc(MB); })()),
      headers: { 'content-type': XLSX_MIME, ...(await session('baoying')) },
    });
    expectLimit(res, 'bytes', 20 * MB, 'ZGSZ_UPLOAD_MAX_MB');
  });

  it('lists the first 1,000 errors of a file with thousands of bad rows and counts them all', async () => {
    const bad = Array.from({ length: 3000 }, (_, i) => ['不是信用代码', `某某公司${i}`, '火星区', 'C', '也许']);
    const res = await importXlsx(officer, await enterpriseWorkbook(bad));
    expect(res.statusCode).toBe(422);
    const report = res.json();
    expect(report.errors).toHaveLength(1000);
    expect(report.errorRows).toBe(3000);
    expect(report.errorsTotal).toBeGreaterThanOrEqual(2 * 3000); // a bad USCC and an unknown region on each row
    expect(report.errorsTruncated).toBe(true);
    expect(report.errors[0]).toMatchObject({ row: 2 });
    expect(report.committed).toBe(false);
  });

  it('a formula cell without its result is an error for that cell; with its result, the result is imported', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(HEADERS);
    const row = enterpriseToRow(demoEnterprise(7));
    ws.addRow([row[0], { formula: 'CONCAT("扬州","公司")' }, ...row.slice(2)]);
    const withoutResult = await importXlsx(admin, Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(withoutResult.statusCode).toBe(422);
    expect(withoutResult.json().errors).toEqual([expect.objectContaining({ row: 2, column: '企业名称', message: expect.stringContaining('公式') })]);
    ws.getCell('B2').value = { formula: 'CONCAT("扬州","公司")', result: '扬州公式计算有限公司' };
    const withResult = await importXlsx(admin, Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(withResult.statusCode).toBe(200);
    expect(withResult.json()).toMatchObject({ created: 1, errors: [] });
  });

  it('every kind of broken file gets a 400 naming the file, never a 500', async () => {
    for (const [kind, file] of await corruptFiles()) {
      const res = await importXlsx(officer, file);
      expect(res.statusCode, kind).toBe(400);
      expect(res.json(), kind).toMatchObject({ code: 'INVALID', field: 'file' });
      expect(res.json().message, kind).toContain('不是有效的 .xlsx');
    }
    expect(await enterpriseCount()).toBe(0);
  });
});

describe('batch matching upload: bounded CSV and XLSX', () => {
  it('every kind of broken .xlsx gets a 400, and a zip without a workbook is not accepted as an empty population', async () => {
    for (const [kind, file] of await corruptFiles()) {
      const res = await batch(file, XLSX_MIME);
      expect(res.statusCode, kind).toBe(400);
      expect(res.json().field, kind).toBe('file');
    }
  });

  it('an unclosed quote in a CSV is a 400 naming its line', async () => {
    const res = await batch(Buffer.from('id,region,applicant_type\nA,yz-baoying,enterprise\nB,"yz-baoying,enterprise\nC,yz-gaoyou,enterprise\n'), 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第3行');
    expect(res.json().message).toContain('引号未闭合');
  });

  it('a CSV field, a line or a file over its bound is refused while it streams', async () => {
    const longField = await batch(Buffer.from(`id,region\nA,${'x'.repeat(10_001)}\n`), 'text/csv');
    expect(expectLimit(longField, 'cellChars', 10_000, 'ZGSZ_UPLOAD_MAX_CELL_CHARS')).toContain('第2行第2列');
    expectLimit(await batch(Buffer.from(`id,region\nA${',x'.repeat(300)}\n`), 'text/csv'), 'columns', 200, 'ZGSZ_UPLOAD_MAX_COLUMNS');
    const rows = ['id,region,applicant_type', ...Array.from({ length: 50_001 }, (_, i) => `E${i},yz-baoying,enterprise`)].join('\n');
    expectLimit(await batch(Buffer.from(rows), 'text/csv'), 'rows', 50_000, 'ZGSZ_BATCH_MAX_ROWS');
    expectLimit(await batch(Buffer.alloc(6 * MB, 'a'), 'text/csv'), 'bytes', 5 * MB, 'ZGSZ_CSV_MAX_MB');
  });

  it('an .xlsx bomb is refused as for an import', async () => {
    const sheet = repeated(`${SHEET_HEAD}<row r="1">${inline('id')}${inline('region')}</row>`, `<row>${inline('E')}${inline('yz-baoying')}</row>`.repeat(100), 40_000, SHEET_TAIL);
    expectLimit(await batch(zipFile(workbookParts(sheet)), XLSX_MIME), 'unzippedBytes', 200 * MB, 'ZGSZ_XLSX_MAX_UNZIPPED_MB');
  });

  it('a formula cell without its result is a 400 naming its line and cell, not the text "[object Object]"', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['id', 'name', 'region', 'applicant_type']);
    ws.addRow(['A', { formula: 'CONCAT("扬州","公司")' }, 'yz-baoying', 'enterprise']);
    const res = await batch(Buffer.from(await wb.xlsx.writeBuffer()), XLSX_MIME);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第2行 B2');
    expect(res.json().message).toContain('公式');
  });

  it('a population naming more than 1,000 different regions is refused (its report would be as large as the file)', async () => {
    const rows = ['id,region,applicant_type', ...Array.from({ length: 1001 }, (_, i) => `E${i},地区${i},enterprise`)].join('\n');
    const res = await batch(Buffer.from(rows), 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('1000');
  });
});

describe('the other parsed uploads and JSON bodies', () => {
  const sheet = invalidRowsSheet(HEADERS, 5_000_000);
  it('counted projects: a bomb is a 413, a broken file a 400', async () => {
    const upload = (file: Buffer) => officer.request('POST', '/api/v1/assessment/projects/import', file, { 'content-type': XLSX_MIME });
    expectLimit(await upload(zipFile(workbookParts(sheet))), 'unzippedBytes', 200 * MB, 'ZGSZ_XLSX_MAX_UNZIPPED_MB');
    for (const [kind, file] of await corruptFiles()) expect((await upload(file)).statusCode, kind).toBe(400);
    const rows = repeated(SHEET_HEAD + headerRow(PROJECT_COLUMNS.map((c) => c.header)), `<row>${inline('宝应县')}${inline('智能化改造')}${inline('改造')}</row>`, 5001, SHEET_TAIL);
    const tooMany = await upload(zipFile(workbookParts(rows)));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('5000');
  });

  it('targets: a bomb is a 413, a broken file a 400', async () => {
    const upload = (file: Buffer) => admin.request('POST', '/api/v1/assessment/2023/targets/import', file, { 'content-type': XLSX_MIME });
    expectLimit(await upload(zipFile(workbookParts(sheet))), 'unzippedBytes', 200 * MB, 'ZGSZ_XLSX_MAX_UNZIPPED_MB');
    for (const [kind, file] of await corruptFiles()) expect((await upload(file)).statusCode, kind).toBe(400);
  });

  it('a JSON body over 2 MB is a 413 that names the bound', async () => {
    const res = await admin.request('POST', `${YZ}/evaluate`, Buffer.from(JSON.stringify({ date: '2023-06-01', facts: { note: 'x'.repeat(3 * MB) } })), { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'TOO_LARGE', details: { allowed: 2 * MB } });
    expect(res.json().message).toContain('2 MB');
  });
});

/** A new session's cookie and CSRF token, as headers, for requests made without the test client. */
async function session(username: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  const cookie = [res.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]).join('; ');
  return { cookie, 'x-csrf-token': res.json().csrfToken as string };
}

describe('a client that goes away', () => {
  const validFile = (from: number, n: number) => enterpriseWorkbook(Array.from({ length: n }, (_, i) => enterpriseToRow(demoEnterprise(from + i))));

  it('stops an import while it writes: nothing is committed, not even the audit entries', async () => {
    const controller = new AbortController();
    const importing = importEnterprises(t.database.db, cliActor(), await validFile(1000, 3000), {
      batchSize: 200, signal: controller.signal,
      onProgress: (p) => { if (p.phase === 'write' && p.rows >= 1000) controller.abort(); },
    });
    await expect(importing).rejects.toBeInstanceOf(UploadAborted);
    expect(await enterpriseCount()).toBe(0);
    expect(await pendingAudit()).toBe(0);
  });

  it('disconnecting during an HTTP import stops it: it never commits, and the next import goes through', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const { cookie, 'x-csrf-token': token } = await session('admin');

    const big = await validFile(5000, 6000);
    // How long the whole import takes when nobody leaves (a dry run does both passes and rolls back),
    // timed on the second run: the first also pays for starting the parser thread and compiling the
    // code, and a wait judged by it could outlast the real import, which would then answer first.
    let full = 0;
    for (let run = 0; run < 2; run++) {
      const started = performance.now();
      const dry = await admin.request('POST', '/api/v1/enterprises/import?dryRun=true', big, { 'content-type': XLSX_MIME });
      expect(dry.json()).toMatchObject({ created: 6000, errors: [] });
      full = performance.now() - started;
    }

    // Gone while the workbook is read (a quarter of the way), then while the rows are written (past
    // half way: on PGlite the writes run without a turn of the event loop, and a disconnect then
    // once went unseen and the import committed).
    for (const at of [Math.min(300, full / 4), full * 0.6]) {
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`POST /api/v1/enterprises/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${XLSX_MIME}\r\nContent-Length: ${big.length}\r\nCookie: ${cookie}\r\nx-csrf-token: ${token}\r\n\r\n`);
      socket.write(big);
      let answered = false;
      socket.on('data', () => { answered = true; });
      await new Promise((r) => setTimeout(r, at));
      socket.destroy();
      expect(answered).toBe(false);
    }
    // A client gone even before the route began (the whole file sent, the connection closed at once).
    const early = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => early.once('connect', () => resolve()));
    early.write(`POST /api/v1/enterprises/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${XLSX_MIME}\r\nContent-Length: ${big.length}\r\nCookie: ${cookie}\r\nx-csrf-token: ${token}\r\n\r\n`);
    await new Promise<void>((resolve) => early.end(big, () => resolve()));
    early.destroy();

    // Another import right after: on PGlite it would wait for the first one's transaction.
    const small = await admin.request('POST', '/api/v1/enterprises/import', await validFile(20_000, 5), { 'content-type': XLSX_MIME });
    expect(small.json()).toMatchObject({ committed: true, created: 5 });
    // Long after the abandoned import would have finished, none of its rows is there.
    await new Promise((r) => setTimeout(r, full * 1.5 + 500));
    expect(await enterpriseCount()).toBe(5);
  }, 120_000);
});
