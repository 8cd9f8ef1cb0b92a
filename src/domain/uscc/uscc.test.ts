import { describe, expect, it } from 'vitest';
import { makeUscc, orgCheckChar, usccCheckChar, validateUscc } from './uscc.ts';

// Real, published codes (GB 32100-2015 examples and public registrations) check both characters.
const REAL = ['91350100M000100Y43', '91110000802100433B'];

describe('统一社会信用代码 GB 32100-2015', () => {
  it.each(REAL)('accepts the published code %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('accepts lower case input and normalises it to capitals', () => {
    expect(validateUscc('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('refuses a wrong length, naming the length', () => {
    const r = validateUscc('91350100M000100Y4');
    expect(r).toMatchObject({ ok: false, problem: 'length' });
    expect(!r.ok && r.message).toContain('17');
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s', (letter) => {
    const code = `91350100M000100Y4${letter}`;
    expect(validateUscc(code)).toMatchObject({ ok: false, problem: 'forbidden_letter', position: 18 });
  });

  it('refuses punctuation', () => {
    expect(validateUscc('91350100M000100Y4-')).toMatchObject({ ok: false, problem: 'bad_character' });
  });

  it('refuses a non-numeric region code', () => {
    expect(validateUscc('9135A100M000100Y43')).toMatchObject({ ok: false, problem: 'region_code' });
  });

  it('refuses a wrong final check character and says which one is expected', () => {
    const r = validateUscc('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, problem: 'check', position: 18 });
    expect(!r.ok && r.message).toContain('应为 3');
  });

  it('refuses a wrong GB 11714 organisation check character even when the final check is recomputed', () => {
    // Change the organisation code's check char (position 17) and fix up position 18 so only the
    // inner check is wrong.
    const first17 = '91350100M000100' + 'Y' + '5';
    const code = first17 + usccCheckChar(first17);
    expect(validateUscc(code)).toMatchObject({ ok: false, problem: 'org_check', position: 17 });
  });

  it('GB 11714: check value 10 is written X and 11 is written 0', () => {
    expect(orgCheckChar('80210043')).toBe('3');
    // Search a body whose check value is 10 and one whose check value is 11.
    const bodies = Array.from({ length: 200 }, (_, i) => String(10000000 + i));
    expect(bodies.some((b) => orgCheckChar(b) === 'X')).toBe(true);
    expect(bodies.some((b) => orgCheckChar(b) === '0')).toBe(true);
  });

  it('makeUscc builds codes that validate', () => {
    for (let i = 0; i < 500; i++) {
      const body = String(10000000 + i * 7919).slice(0, 8);
      const code = makeUscc('9', '1', '321023', body);
      expect(validateUscc(code).ok).toBe(true);
    }
  });
});
