// Demo enterprises carry landlines of their own city: a Suzhou file with a 0514 (Yangzhou) number
// reads as a data error to any officer who looks at it.
import { describe, expect, it } from 'vitest';
import { demoEnterprise } from '../src/db/seed/demo-enterprises.ts';
import { DEMO_ACCOUNTS } from '../src/db/seed/seed.ts';

describe('demo enterprise phone numbers', () => {
  const all = Array.from({ length: 300 }, (_, i) => demoEnterprise(i));

  it('use 0512 in Suzhou (昆山 included) and 0514 in Yangzhou, eight local digits', () => {
    const suzhou = all.filter((e) => e.regionId.startsWith('sz-'));
    const yangzhou = all.filter((e) => e.regionId.startsWith('yz-'));
    expect(suzhou.length).toBeGreaterThan(50);
    expect(yangzhou.length).toBeGreaterThan(50);
    for (const e of suzhou) expect(e.contactPhone).toMatch(/^0512-\d{8}$/);
    for (const e of yangzhou) expect(e.contactPhone).toMatch(/^0514-\d{8}$/);
    const kunshan = all.filter((e) => e.regionId === 'sz-kunshan');
    expect(kunshan.length).toBeGreaterThan(0);
    for (const e of kunshan) expect(e.contactPhone).toMatch(/^0512-5\d{7}$/);
  });

  it('gives the Suzhou demo enterprise (qiye-sz) a Suzhou number', () => {
    const index = DEMO_ACCOUNTS.find((a) => a.username === 'qiye-sz')!.enterpriseIndex!;
    const e = demoEnterprise(index);
    expect(e.regionId.startsWith('sz-')).toBe(true);
    expect(e.contactPhone!.startsWith('0512-')).toBe(true);
  });
});
