// Which statement texts the PostgreSQL client names (and so prepares once per connection): the
// same text always gets the same name, only single reads and writes are named, and the number of
// names is bounded however many different texts the process builds.
import { describe, expect, it } from 'vitest';
import { MAX_NAMED_STATEMENTS, statementName as named } from './client.ts';

// The names are process-wide, and test files share a process: the files before this one may have
// used up the default 300. Texts that must get a name ask with a limit above any count reached.
const ROOM = 100_000;
const statementName = (text: string, limit = ROOM) => named(text, limit);

describe('statementName', () => {
  it('gives one text one name, and different texts different names', () => {
    const a = statementName('select "id" from "enterprises" where "id" = $1');
    const b = statementName('select "id" from "users" where "id" = $1');
    expect(a).toMatch(/^zgsz_\d+$/);
    expect(b).toMatch(/^zgsz_\d+$/);
    expect(a).not.toBe(b);
    expect(statementName('select "id" from "enterprises" where "id" = $1')).toBe(a);
    expect(statementName('\n    with live as (select 1) update "sessions" set x = 1')).toMatch(/^zgsz_/);
    expect(statementName('INSERT INTO "audit" values ($1)')).toMatch(/^zgsz_/);
    expect(statementName('delete from "sessions" where "id" = $1')).toMatch(/^zgsz_/);
  });

  it('names nothing with a limit of 0 (ZGSZ_NAMED_STATEMENTS=0), not even a text another pool named', () => {
    expect(statementName('select "never named" from "texts"', 0)).toBeUndefined();
    expect(statementName('select "named" from "texts"')).toMatch(/^zgsz_/);
    expect(statementName('select "named" from "texts"', 0)).toBeUndefined();
  });

  it('leaves scripts, DDL, transaction control and very long texts unnamed', () => {
    expect(statementName('select 1; select 2')).toBeUndefined();
    expect(statementName('CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ select 1 $$')).toBeUndefined();
    expect(statementName('begin')).toBeUndefined();
    expect(statementName('analyze enterprises')).toBeUndefined();
    expect(statementName(`select ${'1, '.repeat(9_000)}1`)).toBeUndefined();
  });

  it('names at most MAX_NAMED_STATEMENTS texts; those named before keep their names', () => {
    const first = statementName('select "n" from "report_versions"');
    const names = new Set<string>();
    for (let i = 0; i < MAX_NAMED_STATEMENTS + 50; i++) {
      const name = named(`select "id" from "enterprises" where "id" in (${Array.from({ length: i + 1 }, (_, k) => `$${k + 1}`).join(', ')})`);
      if (name) names.add(name);
    }
    expect(names.size).toBeLessThan(MAX_NAMED_STATEMENTS);
    expect(named('select "brand new" from "texts"')).toBeUndefined();
    // Named before the default's limit was reached: the name stays, with any limit above its number.
    expect(statementName('select "n" from "report_versions"')).toBe(first);
  });
});
