import { describe, expect, it } from 'vitest';
import { storableJson, storableText } from './stored-form.ts';

describe('audit content in the form the database stores', () => {
  it('replaces lone surrogates with U+FFFD, strips NUL and keeps valid pairs', () => {
    expect(storableText('a\uD800b')).toBe('a\uFFFDb');
    expect(storableText('a\uDC00')).toBe('a\uFFFD');
    expect(storableText('x\u0000y')).toBe('xy');
    expect(storableText('😀 企业')).toBe('😀 企业');
    // Node encodes a lone surrogate as EF BF BD in UTF-8, which is what PostgreSQL text then holds.
    expect(Buffer.from('a\uD800b', 'utf8').toString('utf8')).toBe(storableText('a\uD800b'));
  });

  it('fixes strings and keys anywhere in a JSON value, and leaves clean values as a plain JSON round trip', () => {
    expect(storableJson({ name: 'a\uD800', list: ['\u0000x', { 'k\uDFFF': 1 }], at: new Date('2026-01-01T00:00:00Z'), gone: undefined }))
      .toEqual({ name: 'a\uFFFD', list: ['x', { 'k\uFFFD': 1 }], at: '2026-01-01T00:00:00.000Z' });
    expect(storableJson({ path: 'C:\\u0000dir' })).toEqual({ path: 'C:\\u0000dir' });
    expect(storableJson(undefined)).toBeNull();
    expect(storableJson(null)).toBeNull();
    const json = JSON.parse('{"__proto__":"a\\ud800"}') as unknown;
    expect(Object.keys(storableJson(json) as object)).toEqual(['__proto__']);
  });
});
