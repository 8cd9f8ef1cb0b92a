import { type SQL, and, asc, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { loadAuditKey } from '../../config/audit-key.ts';
import { loadConfig } from '../../config/env.ts';
import type { CheckpointsInForce } from '../../domain/audit/checkpoint.ts';
import { type AuditKey, type AuditRow, ChainVerifier, type ChainProblem, auditMac, firstBadSeq } from '../../domain/audit/hash-chain.ts';
import { storableJson, storableText, storableTextOrNull } from '../../domain/audit/stored-form.ts';
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

export type AuditLogRow = typeof auditLog.$inferSelect;
export type AuditHeadRow = typeof auditHead.$inferSelect;

let configuredKey: AuditKey | null = null;

/** The key every append seals rows with. Entry points set it at start (see loadAuditKey). */
export function setAuditKey(key: AuditKey): void {
  configuredKey = key;
}

/**
 * The configured key; an entry point that did not set one (a script, a test) reads the same
 * environment the server would, once.
 */
export function currentAuditKey(): AuditKey {
  configuredKey ??= loadAuditKey(loadConfig()).key;
  return configuredKey;
}

type Who = Pick<Actor, 'userId' | 'name' | 'ip'>;

/** The entry's content as the database will store it, so the seal covers exactly what is read back. */
function contentOf(seq: number, at: Date, actor: Who, entry: AuditEntry) {
  return {
    seq, at, actorId: actor.userId, actorName: storableText(actor.name), action: storableText(entry.action), entity: storableText(entry.entity),
    entityId: storableTextOrNull(entry.entityId), before: storableJson(entry.before), after: storableJson(entry.after),
    ip: storableTextOrNull(actor.ip), result: storableText(entry.result ?? 'ok'),
  };
}

async function lockHead(tx: Executor): Promise<AuditHeadRow> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: run the migrations');
  return head;
}

/**
 * Appends one entry inside the caller's transaction. Locking the head row serialises appends across
 * connections and app instances, so the chain has no forks.
 */
export async function appendAudit(tx: Executor, actor: Who, entry: AuditEntry): Promise<void> {
  const key = currentAuditKey();
  const head = await lockHead(tx);
  // Millisecond precision: what a JS Date and timestamptz(3) both hold exactly.
  const content = contentOf(head.seq + 1, new Date(), actor, entry);
  const hash = auditMac(key, head.hash, content);
  // The row and the new head in one statement: one round trip less while the head is locked.
  await tx.execute(sql`with appended as (
      insert into audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result, prev_hash, hash)
      values (${content.seq}, ${content.at.toISOString()}::timestamptz, ${content.actorId}, ${content.actorName}, ${content.action}, ${content.entity},
        ${content.entityId}, ${content.before === null ? null : JSON.stringify(content.before)}::jsonb, ${content.after === null ? null : JSON.stringify(content.after)}::jsonb,
        ${content.ip}, ${content.result}, ${head.hash}, ${hash}))
    update audit_head set seq = ${content.seq}, hash = ${hash} where id = 1`);
}

export interface VerifyOptions {
  pageSize?: number;
  /** Defaults to the configured key. */
  key?: AuditKey;
  /** The signed checkpoints read from the checkpoint file; none when absent. */
  checkpoints?: CheckpointsInForce | null;
}

export interface ChainReport {
  count: number;
  problems: ChainProblem[];
  /** The first row a problem names: where the log stops being trustworthy. */
  firstBadSeq: number | null;
  head: { seq: number; hash: string; keyedFrom: number } | null;
  checkpoints: number;
}

/**
 * Verifies the whole chain against the key and every checkpoint in force, reading it in pages so
 * memory stays flat on a long log.
 */
export async function verifyAuditChain(db: Executor, options: number | VerifyOptions = {}): Promise<ChainReport> {
  const opts: VerifyOptions = typeof options === 'number' ? { pageSize: options } : options;
  const pageSize = opts.pageSize ?? 5000;
  const key = opts.key ?? currentAuditKey();
  // Entries of a committed import whose chaining was cut short are linked first, so they are verified too.
  await chainPendingAudit(db);
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const checkpoints = opts.checkpoints?.checkpoints ?? [];
  const problems: ChainProblem[] = (opts.checkpoints?.invalid ?? []).map((i) => ({
    seq: 0, kind: 'checkpoint_invalid' as const, message: `检查点文件第 ${i.line} 行无法认证:${i.reason}`,
  }));
  // Where the keyed chain starts is taken from the signed checkpoints when there are any: the copy in
  // audit_head is only as trustworthy as whoever last wrote to the database.
  const signedStart = checkpoints.length ? checkpoints[checkpoints.length - 1]!.keyedFrom : null;
  const keyedFrom = signedStart ?? head?.keyedFrom ?? 1;
  for (const start of new Set(checkpoints.map((c) => c.keyedFrom).concat(head ? [head.keyedFrom] : []))) {
    if (start !== keyedFrom) {
      problems.push({
        // Not a row: the rows themselves are checked against the signed start, and name themselves.
        seq: 0, kind: 'key_start_moved',
        message: `密钥签名从第 ${keyedFrom} 条开始(签名检查点),而${checkpoints.some((c) => c.keyedFrom === start) ? '另一检查点' : '数据库链头'}记为第 ${start} 条:有人试图把签名的记录当作无密钥的旧记录重新计算`,
      });
    }
  }
  const verifier = new ChainVerifier({ key, keyedFrom, checkpoints });
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const row of page) verifier.push(row as AuditRow);
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }
  problems.push(...verifier.finish(head ?? { seq: 0, hash: 'missing' }));
  return { count: verifier.count, problems, firstBadSeq: firstBadSeq(problems), head: head ? { seq: head.seq, hash: head.hash, keyedFrom: head.keyedFrom } : null, checkpoints: checkpoints.length };
}

/** The committed head of the chain: what a checkpoint records. */
export async function readAuditHead(db: Executor): Promise<AuditHeadRow | null> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ?? null;
}

export interface AuditFilter {
  /** The person by account id (uuid). */
  actorId?: string | undefined;
  /** The person by username, as recorded. */
  actor?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Entries at or after this moment. */
  from?: Date | undefined;
  /** Entries before this moment. */
  to?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export async function listAudit(db: Executor, f: AuditFilter): Promise<AuditLogRow[]> {
  if (await pendingAuditCount(db)) await chainPendingAudit(db);
  const conds: (SQL | undefined)[] = [
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.actor ? eq(auditLog.actorName, f.actor) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    f.beforeSeq ? lt(auditLog.seq, f.beforeSeq) : undefined,
  ];
  return db.select().from(auditLog).where(and(...conds)).orderBy(desc(auditLog.seq)).limit(f.limit);
}

/**
 * Appends many entries with one head lock and one multi-row insert per chunk: a 100,000-row import
 * is audited row by row without 100,000 round trips.
 */
export async function appendAuditBatch(tx: Executor, actor: Who, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const key = currentAuditKey();
  const head = await lockHead(tx);
  let prevHash = head.hash;
  let seq = head.seq;
  const at = new Date();
  const rows = entries.map((entry) => {
    const content = contentOf(++seq, at, actor, entry);
    const hash = auditMac(key, prevHash, content);
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
export async function appendAuditPending(tx: Executor, actor: Who, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const at = new Date();
  for (let i = 0; i < entries.length; i += 2000) {
    const chunk = entries.slice(i, i + 2000).map((entry) => {
      const c = contentOf(0, at, actor, entry);
      return {
        at: at.toISOString(), actor_id: c.actorId, actor_name: c.actorName, action: c.action, entity: c.entity,
        entity_id: c.entityId, before: c.before, after: c.after, ip: c.ip, result: c.result,
      };
    });
    await tx.execute(sql`insert into audit_pending (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result)
      select at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result
      from json_populate_recordset(null::audit_pending, ${JSON.stringify(chunk)}::json)`);
  }
}

/**
 * appendAuditPending for entries the database already holds: one statement writes them all, in
 * the order of `rows`' `ord` column. `rows` is a subquery yielding (ord, action, entity,
 * entity_id, before, after); its before/after are jsonb read from the database, so they are
 * already in stored form. Who and when are applied exactly as appendAuditPending applies them.
 */
export async function appendAuditPendingFrom(tx: Executor, actor: Who, at: Date, rows: SQL): Promise<void> {
  const c = contentOf(0, at, actor, { action: '', entity: '' });
  await tx.execute(sql`insert into audit_pending (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, result)
    select ${at.toISOString()}::timestamptz, ${c.actorId}::uuid, ${c.actorName}, r.action, r.entity, r.entity_id, r.before, r.after, ${c.ip}, 'ok'
    from (${rows}) r order by r.ord`);
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
  const key = currentAuditKey();
  let total = 0;
  let afterId = 0;
  for (;;) {
    const chained = await db.transaction(async (tx) => {
      const head = await lockHead(tx);
      // Keyset from the last chained id: rows chained (deleted) by earlier batches stay in the index
      // as dead entries until vacuum, and skipping over them again every batch is quadratic.
      const pending = await tx.select().from(auditPending).where(gt(auditPending.id, afterId)).orderBy(asc(auditPending.id)).limit(batch).for('update', { skipLocked: true });
      if (!pending.length) return 0;
      let prevHash = head.hash;
      let seq = head.seq;
      // Only the link (seq, previous hash, hash) travels back: the content is copied from
      // audit_pending inside the database, byte for byte what was sealed here.
      const links = pending.map((p) => {
        seq++;
        const hash = auditMac(key, prevHash, {
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
