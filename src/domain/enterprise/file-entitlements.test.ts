import { describe, expect, it } from 'vitest';
import { policyLibrary } from '../../io/policy-library.ts';
import { factsOfFile, findingsFromFile, recognitionCode } from './file-entitlements.ts';

const lib = policyLibrary();
const suzhou = lib.policies.get('suzhou-2020')!;
const labels = lib.facts.facts.get('recognitions')!.values!;
const WAN = 1_000_000;

describe('entitlements from the enterprise file', () => {
  it('reads a demonstration title as the dictionary names it, with or without its level, and never guesses', () => {
    expect(recognitionCode(labels, 'provincial', '智能制造示范车间')).toBe('provincial_smart_demo_workshop');
    expect(recognitionCode(labels, 'municipal', '苏州市级智能制造示范工厂')).toBe('city_smart_demo_factory');
    expect(recognitionCode(labels, 'national', '工业互联网标杆工厂')).toBeUndefined();
  });

  it('苏州 若干措施 (二): a 苏州市级智能制造示范工厂 title of this year is met from the file alone; one of last year is not', () => {
    const file = { legalForm: 'independent' as const, certifications: [{ kind: 'recognition', level: 'municipal', title: '智能制造示范工厂', year: 2023 }] };
    const found = findingsFromFile(suzhou, factsOfFile(suzhou, file, 2023), '2023-06-01');
    const award = found.measures.find((m) => m.id === 'city-demo-factory-award')!;
    expect(award.status).toBe('eligible');
    expect(award.amount.max).toBeGreaterThan(0);
    const lastYear = findingsFromFile(suzhou, factsOfFile(suzhou, file, 2024), '2024-06-01');
    expect(lastYear.measures).toEqual([]); // the Suzhou text expired on 2023-12-31
    expect(lastYear.validity.status).toBe('expired');
    const old = findingsFromFile(suzhou, factsOfFile(suzhou, { ...file, certifications: [{ ...file.certifications[0]!, year: 2022 }] }, 2023), '2023-06-01');
    expect(old.measures.find((m) => m.id === 'city-demo-factory-award')!.status).toBe('not_met');
  });

  it('苏州 若干措施 末段: a branch (no independent legal personality) is outside every Suzhou measure, whatever else it holds', () => {
    const file = { legalForm: 'branch' as const, certifications: [{ kind: 'cloud', level: '5', title: '江苏省五星级上云企业', year: 2023 }] };
    const found = findingsFromFile(suzhou, factsOfFile(suzhou, file, 2023), '2023-06-01');
    expect(found.measures.every((m) => m.status === 'not_applicable')).toBe(true);
    const independent = findingsFromFile(suzhou, factsOfFile(suzhou, { ...file, legalForm: 'independent' }, 2023), '2023-06-01');
    expect(independent.measures.find((m) => m.id === 'cloud-five-star')!.amount).toEqual({ min: 0, max: 10 * WAN });
  });

  it('接受诊断服务: a diagnosis counts from its contract on; one only requested, dispatched or cancelled does not', () => {
    const yangzhou = lib.policies.get('yangzhou-2022-20')!;
    const facts = (status: string) => factsOfFile(yangzhou, { legalForm: 'independent', certifications: [], diagnoses: [{ scope: 'workshop', status, supervised: true }] }, 2023);
    for (const status of ['requested', 'dispatched', 'cancelled']) expect([status, facts(status).diagnosis_workshop, facts(status).diagnosis_supervised]).toEqual([status, false, false]);
    for (const status of ['contracted', 'on_site', 'reported', 'accepted', 'paid']) expect([status, facts(status).diagnosis_workshop]).toEqual([status, true]);
    const found = findingsFromFile(yangzhou, facts('contracted'), '2023-06-01');
    // 扬府发〔2022〕20号 附件1 二(四): 车间诊断服务费补助5万元/家.
    expect(found.measures.find((m) => m.id === 'diagnosis-workshop')!.amount).toEqual({ min: 5 * WAN, max: 5 * WAN });
  });
});
