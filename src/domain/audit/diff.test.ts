import { describe, expect, it } from 'vitest';
import { auditChanges } from './diff.ts';

describe('field-level changes of an audit entry', () => {
  it('lists only the fields that differ, with nested paths', () => {
    const before = { name: '甲公司', contactName: '张三', address: { city: '扬州', street: '文昌路' }, version: 3, chains: ['食品'] };
    const after = { name: '甲公司', contactName: '李四', address: { city: '扬州', street: '汶河路' }, version: 4, chains: ['食品', '化工'] };
    expect(auditChanges(before, after)).toEqual({
      truncated: false,
      changes: [
        { path: 'contactName', before: '张三', after: '李四' },
        { path: 'address.street', before: '文昌路', after: '汶河路' },
        { path: 'version', before: 3, after: 4 },
        { path: 'chains', before: ['食品'], after: ['食品', '化工'] },
      ],
    });
  });

  it('a creation lists every field with only an after; a deletion only befores', () => {
    expect(auditChanges(null, { a: 1, b: { c: null } }).changes).toEqual([{ path: 'a', after: 1 }, { path: 'b.c', after: null }]);
    expect(auditChanges({ a: 1 }, null).changes).toEqual([{ path: 'a', before: 1 }]);
    expect(auditChanges(null, null).changes).toEqual([]);
  });

  it('tells a field set to null from one removed or added', () => {
    expect(auditChanges({ a: 1, b: 2 }, { a: null, c: 3 }).changes).toEqual([
      { path: 'a', before: 1, after: null }, { path: 'b', before: 2 }, { path: 'c', after: 3 },
    ]);
  });

  it('compares lists of records element by element', () => {
    const before = { regions: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }] };
    const after = { regions: [{ id: 'a', n: 1 }, { id: 'b', n: 5 }, { id: 'c', n: 1 }] };
    expect(auditChanges(before, after).changes).toEqual([
      { path: 'regions[1].n', before: 2, after: 5 }, { path: 'regions[2].id', after: 'c' }, { path: 'regions[2].n', after: 1 },
    ]);
  });

  it('a value that changes shape is one change, and a whole non-object value has the empty path', () => {
    expect(auditChanges({ a: { x: 1 } }, { a: 'text' }).changes).toEqual([{ path: 'a', before: { x: 1 }, after: 'text' }]);
    expect(auditChanges(null, [[1, true]]).changes).toEqual([{ path: '', after: [[1, true]] }]);
  });

  it('stops at the limit and says so', () => {
    const after = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i]));
    expect(auditChanges(null, after, 4)).toMatchObject({ truncated: true, changes: { length: 4 } });
  });

  it('equal values in another key order are no change', () => {
    expect(auditChanges({ a: { x: 1, y: [1, 2] } }, { a: { y: [1, 2], x: 1 } }).changes).toEqual([]);
  });
});
