import { asc, eq, gt, sql } from 'drizzle-orm';
import { type AuditRow, ChainVerifier, type ChainProblem, auditHash } from '../../domain/audit/hash-chain.ts';
import type { Actor } from '../../domain/actor.ts';
import type { Executor } from '../client.ts';
import { auditHead, auditLog } from '../schema/audit.ts';

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
  await tx.insert(auditLog).values({ ...content, prevHash: head.hash, hash });
  await tx.update(auditHead).set({ seq: content.seq, hash }).where(eq(auditHead.id, 1));
}

/** Verifies the whole chain, reading it in pages so memory stays flat on a long log. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<{ count: number; problems: ChainProblem[] }> {
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
