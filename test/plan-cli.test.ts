// `zgsz plan` as an operator runs it, on a scratch database with the demo data (business date 2023-06-01).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchCli, type Scratch } from './helpers/cli.ts';

let cli: Scratch;
const env = { ZGSZ_BUSINESS_DATE: '2023-06-01' };
beforeAll(async () => { cli = await scratchCli(); });
afterAll(async () => { await cli?.close(); });

describe('zgsz plan', { timeout: 180_000 }, () => {
  it('on demo data: the 2022 year-end table flags the one figure that disagrees with the 附件2 records; the overdue list; a report and a refused one; the bulletin as Excel', async () => {
    expect((await cli.run(['db', 'seed'], { env })).code).toBe(0);
    const d = await cli.run(['plan', 'dispatch', '--year', '2022', '--month', '12', '--json'], { env });
    expect(d.code, d.stderr).toBe(0);
    const table = JSON.parse(d.stdout) as { summary: { disagreements: number }; actions: { rows: { indicatorId: string; records: { agreement: string } | null }[] }[] };
    const flagged = table.actions.flatMap((a) => a.rows).filter((r) => r.records?.agreement === 'differs');
    expect(flagged.map((r) => r.indicatorId)).toEqual(['retrofit-projects']);
    expect(table.summary.disagreements).toBe(1);

    const overdue = await cli.run(['plan', 'overdue', '--json'], { env });
    const items = (JSON.parse(overdue.stdout) as { items: { indicatorId: string; year: number; month: number }[] }).items;
    expect(items).toContainEqual(expect.objectContaining({ indicatorId: 'identifier-enterprises', year: 2023, month: 3 }));

    const ok = await cli.run(['plan', 'report', 'identifier-enterprises', '--year', '2023', '--month', '3', '--value', '2050'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('第1版');
    const bad = await cli.run(['plan', 'report', 'identifier-enterprises', '--year', '2023', '--month', '8', '--value', '2400'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('month');

    const file = join(cli.dir, 'bulletin.xlsx');
    const b = await cli.run(['plan', 'bulletin', '--year', '2023', '--quarter', '1', '--xlsx', file], { env });
    expect(b.code, b.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});
