import { asc, count, eq, gt, sql } from 'drizzle-orm';
import { type AuditRow, ChainVerifier, type ChainProblem, auditHash } from '../../domain/audit/hash-chain.ts';
import type { Actor } from '../../domain/actor.ts';
import type { Executor } from '../client.ts';
import { auditHead, auditLog, auditPending } from '../schema/audit.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  result?: string;
}

/** JSON round trip so the hashed value is exactly what jsonb will hand back. */
const asStored = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/**
 * Appends one entry inside the caller's transaction. Locking the head row serialises appends across
 * connections and app instances, so the chain has no forks.
 */
export async function appendAudit(tx: Executor, actor: Pick<Actor, 'userId' | 'name' | 'ip'>, entry: AuditEntry): Promise<void> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: run the migrations');
  const content = {
    seq: head.seq + 1,
    // Millisecond precision: what a JS Date and timestamptz(3) both hold exactly.
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: asStored(entry.before),
    after: asStored(entry.after),
    ip: actor.ip,
    result: entry.result ?? 'ok',
  };
  const hash = auditHash(head.hash, content);
  // The row and the new head in one statement: one round trip less while the head is locked.
  await tx.execute(sql`with appended as (
      insert into audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result, prev_hash, hash)
      values (${content.seq}, ${content.at.toISOString()}::timestamptz, ${content.actorId}, ${content.actorName}, ${content.action}, ${content.entity},
        ${content.entityId}, ${content.before === null ? null : JSON.stringify(content.before)}::jsonb, ${content.after === null ? null : JSON.stringify(content.after)}::jsonb,
        ${content.ip}, ${content.result}, ${head.hash}, ${hash}))
    update audit_head set seq = ${content.seq}, hash = ${hash} where id = 1`);
}

/** Verifies the whole chain, reading it in pages so memory stays flat on a long log. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<{ count: number; problems: ChainProblem[] }> {
  // Entries of a committed import whose chaining was cut short are linked first, so they are verified too.
  await chainPendingAudit(db);
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const row of page) verifier.push(row as AuditRow);
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return { count: verifier.count, problems: verifier.finish(head ?? { seq: 0, hash: 'missing' }) };
}

export async function listAudit(db: Executor, opts: { entity?: string; entityId?: string; limit: number; beforeSeq?: number }) {
  if (await pendingAuditCount(db)) await chainPendingAudit(db);
  const conds = [];
  if (opts.entity) conds.push(sql`${auditLog.entity} = ${opts.entity}`);
  if (opts.entityId) conds.push(sql`${auditLog.entityId} = ${opts.entityId}`);
  if (opts.beforeSeq) conds.push(sql`${auditLog.seq} < ${opts.beforeSeq}`);
  const where = conds.length ? sql.join(conds, sql` and `) : undefined;
  return db.select().from(auditLog).where(where).orderBy(sql`${auditLog.seq} desc`).limit(opts.limit);
}

/**
 * Appends many entries with one head lock and one multi-row insert per chunk: a 100,000-row import
 * is audited row by row without 100,000 round trips.
 */
export async function appendAuditBatch(tx: Executor, actor: Pick<Actor, 'userId' | 'name' | 'ip'>, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: run the migrations');
  let prevHash = head.hash;
  let seq = head.seq;
  const at = new Date();
  const rows = entries.map((entry) => {
    seq++;
    const content = {
      seq, at, actorId: actor.userId, actorName: actor.name, action: entry.action, entity: entry.entity,
      entityId: entry.entityId ?? null, before: asStored(entry.before), after: asStored(entry.after), ip: actor.ip,
      result: entry.result ?? 'ok',
    };
    const hash = auditHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      seq: r.seq, at: r.at.toISOString(), actor_id: r.actorId, actor_name: r.actorName, action: r.action, entity: r.entity,
      entity_id: r.entityId, before: r.before, after: r.after, ip: r.ip, result: r.result, prev_hash: r.prevHash, hash: r.hash,
    }));
    await tx.execute(sql`insert into audit_log select * from json_populate_recordset(null::audit_log, ${JSON.stringify(chunk)}::json)`);
  }
  await tx.update(auditHead).set({ seq, hash: prevHash }).where(eq(auditHead.id, 1));
}

/**
 * Records the entries of a bulk write inside its transaction without touching the chain head, so a
 * long import does not make every other audited write (logins included) wait for its commit. They
 * are chained by chainPendingAudit once committed.
 */
export async function appendAuditPending(tx: Executor, actor: Pick<Actor, 'userId' | 'name' | 'ip'>, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const at = new Date().toISOString();
  for (let i = 0; i < entries.length; i += 2000) {
    const chunk = entries.slice(i, i + 2000).map((entry) => ({
      at, actor_id: actor.userId, actor_name: actor.name, action: entry.action, entity: entry.entity,
      entity_id: entry.entityId ?? null, before: asStored(entry.before), after: asStored(entry.after), ip: actor.ip, result: entry.result ?? 'ok',
    }));
    await tx.execute(sql`insert into audit_pending (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result)
      select at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result
      from json_populate_recordset(null::audit_pending, ${JSON.stringify(chunk)}::json)`);
  }
}

/**
 * Moves committed pending entries onto the chain, oldest first, in short transactions of `batch`
 * entries: the head is locked for one batch at a time, so other writers interleave. Safe to run
 * from any number of instances at once (the head lock serialises them, SKIP LOCKED keeps them off
 * each other's rows). Returns how many entries it chained.
 */
export async function chainPendingAudit(db: Executor, batch = 500): Promise<number> {
  // Nothing waiting (the usual case for the timer): answer without touching the chain head.
  if (!(await db.select({ id: auditPending.id }).from(auditPending).limit(1)).length) return 0;
  let total = 0;
  let afterId = 0;
  for (;;) {
    const chained = await db.transaction(async (tx) => {
      const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
      if (!head) throw new Error('audit_head row missing: run the migrations');
      // Keyset from the last chained id: rows chained (deleted) by earlier batches stay in the index
      // as dead entries until vacuum, and skipping over them again every batch is quadratic.
      const pending = await tx.select().from(auditPending).where(gt(auditPending.id, afterId)).orderBy(asc(auditPending.id)).limit(batch).for('update', { skipLocked: true });
      if (!pending.length) return 0;
      let prevHash = head.hash;
      let seq = head.seq;
      // Only the link (seq, previous hash, hash) travels back: the content is copied from
      // audit_pending inside the database, byte for byte what was hashed here.
      const links = pending.map((p) => {
        seq++;
        const hash = auditHash(prevHash, {
          seq, at: p.at, actorId: p.actorId, actorName: p.actorName, action: p.action, entity: p.entity,
          entityId: p.entityId, before: p.before, after: p.after, ip: p.ip, result: p.result,
        });
        const link = { id: p.id, seq, prev_hash: prevHash, hash };
        prevHash = hash;
        return link;
      });
      await tx.execute(sql`insert into audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result, prev_hash, hash)
        select l.seq, p.at, p.actor_id, p.actor_name, p.action, p.entity, p.entity_id, p.before, p.after, p.ip, p.result, l.prev_hash, l.hash
        from json_to_recordset(${JSON.stringify(links)}::json) as l(id bigint, seq bigint, prev_hash text, hash text)
        join audit_pending p on p.id = l.id
        order by l.seq`);
      await tx.execute(sql`delete from audit_pending where id = any(${`{${pending.map((p) => p.id).join(',')}}`}::bigint[])`);
      afterId = pending[pending.length - 1]!.id;
      await tx.update(auditHead).set({ seq, hash: prevHash }).where(eq(auditHead.id, 1));
      return pending.length;
    });
    total += chained;
    if (chained < batch) return total;
  }
}

/** Entries written but not yet chained (an import whose chaining was interrupted, or is running). */
export async function pendingAuditCount(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditPending);
  return Number(row?.n ?? 0);
}
