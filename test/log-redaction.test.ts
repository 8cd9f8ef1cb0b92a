// Database errors are logged without the values of the statement that failed: a failed insert into
// users once wrote scrypt hashes into the server log (Drizzle's "Failed query: … params: …", the
// error's `params`, PostgreSQL's "Failing row contains (…)").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../src/config/env.ts';
import type { Database } from '../src/db/client.ts';
import { users } from '../src/db/schema/core.ts';
import { seedDemo } from '../src/db/seed/seed.ts';
import { hashPassword } from '../src/lib/password-hash.ts';
import { redactedErrSerializer, redactedMessage } from '../src/lib/log-redact.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { captureLog } from './helpers/log-capture.ts';
import { login } from './helpers/app.ts';

/** A stream that keeps every line written to it. */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, 2);
});
afterAll(async () => { await database?.close(); });

/** The error a failed statement raises, with a freshly made scrypt hash among its values. */
async function failedInsert(role: string): Promise<{ err: Error; hash: string }> {
  const hash = await hashPassword('Secret#Value2026');
  try {
    await database.db.insert(users).values({ username: `log-${role}`, displayName: 'x', role, passwordHash: hash });
  } catch (err) {
    return { err: err as Error, hash };
  }
  throw new Error('the insert was expected to fail');
}

const hashParts = (hash: string) => hash.split('$').slice(4); // the salt and the key, base64

describe('database errors in the log', () => {
  it('the server logs an unhandled database error without the statement\'s values', async () => {
    const { lines, stream } = captureLog();
    const app = await buildApp({ database, config: loadConfig(), logger: { stream } });
    try {
      // Any insert into users now fails inside the database, after the hash was computed.
      await database.db.execute(sql.raw(`create function zgsz_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'refused by a test trigger'; end $$`));
      await database.db.execute(sql.raw('create trigger zgsz_test_refuse before insert on users for each row execute function zgsz_test_refuse()'));
      const admin = await login(app, 'admin');
      const res = await admin.request('POST', '/api/v1/users', { username: 'log.victim', displayName: '日志', role: 'finance', password: 'Unlogged#Pass2026' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('scrypt');
      const logged = lines.filter((l) => l.includes('"err"'));
      expect(logged.length).toBeGreaterThan(0);
      const all = logged.join('\n');
      // The error itself is there: what failed and why.
      expect(all).toContain('refused by a test trigger');
      expect(all).toContain('insert into \\"users\\"');
      // Its values are not: no hash, no username, no parameter list.
      expect(all).not.toContain('scrypt$');
      expect(all).not.toContain('log.victim');
      expect(all).not.toContain('"params"');
    } finally {
      await database.db.execute(sql.raw('drop trigger if exists zgsz_test_refuse on users'));
      await database.db.execute(sql.raw('drop function if exists zgsz_test_refuse()'));
      await app.close();
    }
  });

  it('a check-constraint error keeps its constraint but not the failing row (PostgreSQL\'s detail)', async () => {
    const { err, hash } = await failedInsert('mayor');
    // What today's logger writes: the hash is in it.
    const raw = JSON.stringify(pino.stdSerializers.err(err)) + String((err.cause as { detail?: string } | undefined)?.detail ?? '');
    expect(raw).toContain(hashParts(hash)[1]);

    const { lines, stream } = captureLog();
    const logger = pino({ serializers: { err: redactedErrSerializer } }, stream);
    logger.error({ err }, 'unhandled error');
    logger.error({ err: err.cause }, 'the driver error alone');
    const out = lines.join('\n');
    expect(out).toContain('users_role_check');
    for (const part of hashParts(hash)) expect(out).not.toContain(part);
    expect(out).not.toContain('scrypt$');
    expect(out).not.toContain('log-mayor');
    // The command line's 错误: line is cut the same way.
    expect(redactedMessage(err)).not.toContain('scrypt$');
    expect(redactedMessage(err)).toContain('insert into "users"');
    // The error the application holds is untouched.
    expect(err.message).toContain('scrypt$');
  });
});
