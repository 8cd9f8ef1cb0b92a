// readAll: independent reads go out together on the database, one after another on a transaction
// (one connection, where pg only queues an overlapping query with a deprecation warning; pg 9 will
// refuse it). The order the reads start and finish in shows which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Database, type Executor, queryRows, readAll } from '../src/db/client.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database?.close(); });

/** Two reads that log when they start and when their answer arrives. */
function twoReads(db: Executor, log: string[]) {
  const read = (name: string, value: number) => async () => {
    log.push(`start ${name}`);
    const [row] = await queryRows<{ v: number }>(db, sql`select ${value}::int as v`);
    log.push(`end ${name}`);
    return row!.v;
  };
  return readAll(db, [read('a', 1), read('b', 2)]);
}

describe('readAll', () => {
  it('on the database, sends every read before any answer arrives, and returns the answers in order', async () => {
    const log: string[] = [];
    expect(await twoReads(database.db, log)).toEqual([1, 2]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('in a transaction, sends the next read only after the answer to the one before', async () => {
    const log: string[] = [];
    const values = await database.db.transaction((tx) => twoReads(tx, log));
    expect(values).toEqual([1, 2]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
