// `zgsz policies match-file` as an operator runs it, on a scratch database with the demo data: the
// job is queued and run by the command itself, a summary (or JSON) printed, the result exported.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchCli, type Scratch } from './helpers/cli.ts';

let cli: Scratch;
const env = { ZGSZ_BUSINESS_DATE: '2023-06-01' };
beforeAll(async () => { cli = await scratchCli({ demo: true }); });
afterAll(async () => { await cli?.close(); });

interface Result { enterprises: number; byRegion: { regionId: string; enterprises: number; entitled: number }[]; matches: { regionId: string }[]; measures: { id: string; missing: number; missingFacts: { fact: string }[] }[] }

describe('zgsz policies match-file', { timeout: 180_000 }, () => {
  it('runs 扬府发〔2022〕20号 over 宝应’s file: the same enterprises as 宝应’s row of the city-wide run; Excel written; a bad date names the field', async () => {
    const city = await cli.run(['policies', 'match-file', '--policy', 'yangzhou-2022-20', '--date', '2023-06-01', '--json'], { env });
    expect(city.code, city.stderr).toBe(0);
    const all = JSON.parse(city.stdout) as Result;
    const baoyingRow = all.byRegion.find((r) => r.regionId === 'yz-baoying')!;
    expect(baoyingRow.enterprises).toBeGreaterThan(0);

    const out = join(cli.dir, '宝应匹配.xlsx');
    const region = await cli.run(['policies', 'match-file', '--policy', 'yangzhou-2022-20', '--date', '2023-06-01', '--region', 'yz-baoying', '--out', out], { env });
    expect(region.code, region.stderr).toBe(0);
    expect(region.stdout).toContain(`企业 ${baoyingRow.enterprises} 家,符合至少一项 ${baoyingRow.entitled} 家`);
    // 附件1 二(一) needs the yearly project investment, which the demo file does not record.
    expect(region.stdout).toMatch(/智能化改造项目补助.*需要 项目:年智能制造设备、软件和技术服务投资额/);
    expect(existsSync(out)).toBe(true);

    const bad = await cli.run(['policies', 'match-file', '--policy', 'yangzhou-2022-20', '--date', '2023-02-30'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('date');
  });
});
