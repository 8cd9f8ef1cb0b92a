// The city sets a new version of a review chain for a policy (optionally one measure) and year.
// Applications already opened keep the version they started under.
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { insertChainVersion, listChains as listChainRows } from '../../db/repositories/application-repository.ts';
import { findUserByUsername } from '../../db/repositories/user-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { chainSchema } from '../../domain/workflow/chain.ts';
import { policyMeasure } from './application-support.ts';
import { findPolicy } from '../../domain/policy/find.ts';
import { policyLibrary } from '../../io/policy-library.ts';

export const setChainSchema = z.object({
  policyId: z.string().max(50),
  measureId: z.string().max(80).optional(),
  year: z.int('年度须为2000–2100的整数').min(2000, '年度须为2000–2100的整数').max(2100, '年度须为2000–2100的整数'),
  chain: z.unknown(),
}).strict();

export async function setReviewChain(db: Db, actor: Actor, raw: unknown) {
  assertPermission(actor, 'applications.chains');
  const input = parseOrThrow(setChainSchema, raw);
  if (input.measureId) policyMeasure(input.policyId, input.measureId);
  else findPolicy(policyLibrary(), input.policyId, 'policyId');
  const chain = parseOrThrow(chainSchema, input.chain, 'chain');
  return db.transaction(async (tx) => {
    for (const [i, step] of chain.steps.entries()) {
      for (const [j, username] of (step.assignees ?? []).entries()) {
        const u = await findUserByUsername(tx, username);
        if (!u || u.disabled || u.role !== step.role) throw invalid(`chain.steps.${i}.assignees.${j}`, `${username} 不是在用的“${step.role}”账号`);
      }
    }
    const row = await insertChainVersion(tx, { policyId: input.policyId, measureId: input.measureId ?? null, year: input.year, definition: chain, createdBy: actor.displayName ?? actor.name });
    await appendAudit(tx, actor, { action: 'create', entity: 'review_chain', entityId: row.id, after: { policyId: row.policyId, measureId: row.measureId, year: row.year, version: row.version, chain } });
    return presentChain(row);
  });
}

export function presentChain(r: Awaited<ReturnType<typeof listChainRows>>[number]) {
  return { id: r.id, policyId: r.policyId, measureId: r.measureId, year: r.year, version: r.version, chain: r.definition, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() };
}

export async function listReviewChains(db: Executor, actor: Actor, policyId?: string) {
  assertPermission(actor, 'applications.read');
  return (await listChainRows(db, policyId)).map(presentChain);
}
