// The demo data a new user sees: diagnoses at every stage in both cities, made through the use cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/db/client.ts';
import { seedDemo } from '../src/db/seed/seed.ts';
import { LocalFileStore } from '../src/io/file-store.ts';
import { listDiagnoses } from '../src/use-cases/diagnoses/list-diagnoses.ts';
import { diagnosisFigures } from '../src/use-cases/diagnoses/diagnosis-figures.ts';
import { applicationsReport } from '../src/use-cases/funds/reports.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, 60, { files: new LocalFileStore(mkdtempSync(join(tmpdir(), 'zgsz-demo-'))), today: '2023-06-01' });
}, 180_000);
afterAll(async () => { await database?.close(); });

const admin = { userId: null, name: 'admin', role: 'city_admin' as const, regionId: null, enterpriseId: null, ip: null };

describe('demo diagnoses', () => {
  it('has 扬州 diagnoses at every stage and 苏州 ones awaiting payment, under contract and requested', async () => {
    const rows = await listDiagnoses(database.db, admin, {});
    const stages = (city: string) => rows.filter((d) => d.city === city).map((d) => d.status).sort();
    expect(stages('yangzhou')).toEqual(['dispatched', 'on_site', 'paid', 'reported', 'requested']);
    expect(stages('suzhou')).toEqual(['accepted', 'contracted', 'requested']);
  });

  it('counts the paid 扬州 diagnosis as a 数字画像 and the 苏州 services against (六)(七)', async () => {
    const yz = await diagnosisFigures(database.db, admin, { city: 'yangzhou', year: 2023 });
    expect(yz.portraits.reduce((s, r) => s + r.counted, 0)).toBe(1);
    const sz = await diagnosisFigures(database.db, admin, { city: 'suzhou', year: 2023 });
    expect(sz.services).toMatchObject({ consultations: { count: 2, goal: 1000 }, dataCollection: { enterprises: 1, goal: 1000 } });
  });
});

describe('demo applications', () => {
  // The seed runs on the real clock but on the demo's business date: the month an application was
  // submitted is the programme's month (2023-06), whatever day the seed ran.
  it('counts its submitted applications in the business month 2023-06 and its one draft as not submitted', async () => {
    const report = await applicationsReport(database.db, admin, { year: 2023 });
    expect(report.byMonth.map((m) => [m.key, m.count])).toEqual([['2023-06', 7], ['未提交', 1]]);
  });
});
