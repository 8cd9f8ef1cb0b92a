// The file match remembers each distinct set of file facts' outcome (most enterprises state the
// same few): remembered outcomes must still be counted, listed and summed per enterprise.
import { describe, expect, it } from 'vitest';
import { policyLibrary } from '../../io/policy-library.ts';
import { FileMatchRun, type FileEnterprise } from './file-match.ts';
import { findPolicy } from './find.ts';

const yangzhou = findPolicy(policyLibrary(), 'yangzhou-2022-20');
const WAN = 1_000_000; // fen
const enterprise = (n: number, regionId: string, certifications: FileEnterprise['file']['certifications'], recorded: FileEnterprise['recorded'] = []): FileEnterprise => ({
  id: `00000000-0000-0000-0000-00000000000${n}`, uscc: `91321000MA0000000${n}`, name: `企业${n}`, regionId,
  file: { legalForm: 'independent', certifications }, recorded,
});
const twoA = [{ kind: 'integration', level: '2A', title: '两化融合管理体系评定证书', year: 2023 }];

describe('免申即享 over the file: one evaluation per distinct set of facts', () => {
  it('附件1 二(五) 两化融合2A: three enterprises with the same 2023 certificate are three matches of 最高15万元, each under its own name and region', () => {
    const run = new FileMatchRun(yangzhou, { date: '2023-06-01', regionName: (id) => ({ 'yz-baoying': '宝应县', 'yz-gaoyou': '高邮市' })[id] ?? id });
    run.add(enterprise(1, 'yz-baoying', twoA));
    run.add(enterprise(2, 'yz-gaoyou', twoA));
    run.add(enterprise(3, 'yz-gaoyou', twoA));
    run.add(enterprise(4, 'yz-gaoyou', []));
    const r = run.result();
    const twoAMatches = r.matches.filter((m) => m.max === 15 * WAN);
    expect(twoAMatches.map((m) => [m.name, m.region])).toEqual([['企业1', '宝应县'], ['企业2', '高邮市'], ['企业3', '高邮市']]);
    expect(r.enterprises).toBe(4);
    expect(r.entitled).toBe(3);
    expect(r.byRegion.map((g) => [g.regionId, g.enterprises, g.entitled])).toEqual([['yz-baoying', 1, 1], ['yz-gaoyou', 3, 2]]);
  });

  it('附件1 二(一) 智能化改造: equal files but different recorded investment are evaluated apart (2,500万元 → 325万元; 1,800万元 fails 2000万元以上)', () => {
    const run = new FileMatchRun(yangzhou, { date: '2023-06-01' });
    const invest = (wan: number) => [{ fact: 'projects', value: [{ annual_investment: wan * WAN }] }];
    run.add(enterprise(1, 'yz-baoying', [], invest(2_500)));
    run.add(enterprise(2, 'yz-baoying', [], invest(1_800)));
    run.add(enterprise(3, 'yz-baoying', [], invest(2_500)));
    const r = run.result();
    expect(r.matches.filter((m) => m.max === 325 * WAN).map((m) => m.name)).toEqual(['企业1', '企业3']);
    expect(r.entitled).toBe(2);
  });
});
