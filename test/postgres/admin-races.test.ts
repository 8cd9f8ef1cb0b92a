// The last administrator under concurrency: two administrators disabling each other at the same
// moment must not leave the system with none. Real clients over TCP against PostgreSQL; each round
// prints what it saw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { cliActor } from '../../src/cli/cli-actor.ts';
import { users } from '../../src/db/schema/core.ts';
import { setUserDisabled } from '../../src/use-cases/users/set-user-disabled.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { type HttpClient, httpLogin, listen, tally } from '../helpers/http.ts';

let t: TestApp;
let base: string;
const PASSWORD = 'Ad9#race-Kq27x';
beforeAll(async () => {
  t = await startTestApp({ enterprises: 4, poolSize: 20 });
  base = await listen(t.app);
  const admin = await httpLogin(base, 'admin');
  for (const username of ['race.a', 'race.b', 'race.c']) {
    const res = await admin.request('POST', '/api/v1/users', { username, displayName: username, role: 'city_admin', password: PASSWORD });
    expect(res.status).toBe(201);
  }
  // The demo administrator steps aside: the accounts under test are the only enabled ones.
  await setUserDisabled(t.database.db, cliActor(), 'admin', true);
});
afterAll(async () => { await t?.close(); });

const enabledAdmins = async () => (await t.database.db.select({ username: users.username }).from(users)
  .where(and(eq(users.role, 'city_admin'), eq(users.disabled, false)))).map((r) => r.username).sort();

async function enableAll(names: string[]) {
  await t.database.db.update(users).set({ disabled: false }).where(inArray(users.username, names));
}

describe('the last enabled administrator on PostgreSQL', () => {
  it('two administrators disabling each other at once: at most one succeeds, one stays enabled (20 rounds)', async () => {
    const seen: Record<number, number> = {};
    const outcomes: Record<string, number> = {};
    for (let round = 0; round < 20; round++) {
      await enableAll(['race.a', 'race.b']);
      await t.database.db.update(users).set({ disabled: true }).where(eq(users.username, 'race.c'));
      const [a, b]: HttpClient[] = await Promise.all([httpLogin(base, 'race.a', PASSWORD), httpLogin(base, 'race.b', PASSWORD)]);
      const results = await Promise.all([a!.request('POST', '/api/v1/users/race.b/disable'), b!.request('POST', '/api/v1/users/race.a/disable')]);
      const counts = tally(results);
      for (const [status, n] of Object.entries(counts)) seen[Number(status)] = (seen[Number(status)] ?? 0) + n;
      for (const r of results) if (r.status !== 200) outcomes[String(r.body.message)] = (outcomes[String(r.body.message)] ?? 0) + 1;
      expect(counts[200] ?? 0, `round ${round}: ${JSON.stringify(counts)}`).toBeLessThanOrEqual(1);
      expect((await enabledAdmins()).length, `round ${round}`).toBe(1);
      // The loser was refused as the last administrator, or its session had already ended with its account.
      for (const r of results.filter((x) => x.status !== 200)) {
        expect([409, 401], JSON.stringify(r.body)).toContain(r.status);
        if (r.status === 409) expect(r.body).toMatchObject({ code: 'CONFLICT', field: 'username' });
      }
    }
    console.log('20 rounds of two administrators disabling each other:', seen, 'the refusals:', outcomes);
    expect(seen[200]).toBe(20);
  });

  it('two operators disabling the last two administrators at once (command line): one succeeds, the other is refused as the last (20 rounds)', async () => {
    const seen: Record<string, number> = {};
    for (let round = 0; round < 20; round++) {
      await enableAll(['race.a', 'race.b']);
      await t.database.db.update(users).set({ disabled: true }).where(eq(users.username, 'race.c'));
      const results = await Promise.allSettled(['race.a', 'race.b'].map((n) => setUserDisabled(t.database.db, cliActor(), n, true)));
      for (const r of results) {
        const key = r.status === 'fulfilled' ? 'disabled' : String((r.reason as { code?: string }).code);
        seen[key] = (seen[key] ?? 0) + 1;
      }
      expect(results.filter((r) => r.status === 'fulfilled'), `round ${round}`).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT', field: 'username' } });
      expect(await enabledAdmins()).toHaveLength(1);
    }
    console.log('20 rounds of two concurrent disables of the last two administrators:', seen);
  });

  it('three administrators each disabling the next at once: at least one stays enabled (20 rounds)', async () => {
    const seen: Record<number, number> = {};
    const names = ['race.a', 'race.b', 'race.c'];
    for (let round = 0; round < 20; round++) {
      await enableAll(names);
      const clients = await Promise.all(names.map((n) => httpLogin(base, n, PASSWORD)));
      const results = await Promise.all(clients.map((c, i) => c.request('POST', `/api/v1/users/${names[(i + 1) % 3]}/disable`)));
      for (const [status, n] of Object.entries(tally(results))) seen[Number(status)] = (seen[Number(status)] ?? 0) + n;
      const left = await enabledAdmins();
      expect(left.length, `round ${round}: ${JSON.stringify(tally(results))}`).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r.status === 200).length).toBe(names.length - left.length);
    }
    console.log('20 rounds of three administrators disabling the next:', seen);
  });
});
