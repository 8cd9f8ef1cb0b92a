// A list uploaded for 免申即享 batch matching, queued as a job: the request is checked now as far as
// it can be without reading the list (the policy, the date, every override against the policy, the
// file's type and size), then stored with the job in the database so any instance can run it. The
// rows themselves are checked as the job reads them; a bad row fails the job naming the row and field.
import type { Executor } from '../../db/client.ts';
import { insertJobWithInput } from '../../db/repositories/jobs-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { compiledFor } from '../../domain/policy/evaluate.ts';
import { findPolicy } from '../../domain/policy/find.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { policyLibrary } from '../../io/policy-library.ts';
import { overLimit, type UploadLimits } from '../../io/upload-limits.ts';
import { BATCH_CHUNK_BYTES, type BatchFormat, type BatchJobParams, POLICY_BATCH_KIND, presentBatchJob } from './batch-job-params.ts';

/** A .xlsx is a zip. */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface BatchJobRequest {
  policyId: string;
  date: string;
  overrides: Readonly<Record<string, string | number>>;
  matchesLimit?: number | undefined;
  format: BatchFormat;
  fileName?: string | null | undefined;
  limits: UploadLimits;
}

/**
 * What can be checked before the list is read (the route asks first, so a wrong date is not told
 * after a 100 MB upload): the permission, the policy, the date and every override compiled against it.
 */
export function checkBatchRequest(actor: Actor, req: Pick<BatchJobRequest, 'policyId' | 'date' | 'overrides'>): Policy {
  assertPermission(actor, 'policies.batch');
  const policy = findPolicy(policyLibrary(), req.policyId, 'policyId');
  // Throws naming `date` or the override when either does not fit the policy.
  compiledFor(policy, req.date, req.overrides);
  return policy;
}

export async function startBatchJob(db: Executor, actor: Actor, file: Buffer, req: BatchJobRequest) {
  const policy = checkBatchRequest(actor, req);
  if (file.length > req.limits.bytes) throw overLimit(req.limits, 'bytes');
  if (file.length === 0) throw invalid('file', '上传的文件是空的:请上传带表头的 CSV 或 .xlsx 企业名单');
  if (req.format === 'xlsx' && !file.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    throw invalid('file', '文件不是 .xlsx 工作簿(应为 Excel 2007 及以上格式);请另存为 .xlsx 或 CSV 后再上传');
  }
  const params: BatchJobParams = {
    policyId: policy.id, date: req.date, overrides: Object.fromEntries(Object.entries(req.overrides).map(([k, v]) => [k, String(v)])), matchesLimit: req.matchesLimit ?? null,
    format: req.format, fileName: req.fileName?.slice(0, 200) ?? null, bytes: file.length, limits: req.limits,
  };
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += BATCH_CHUNK_BYTES) chunks.push(file.subarray(at, at + BATCH_CHUNK_BYTES));
  // regionId null: the list is the officer's own upload, not a region's records; job.read then
  // gives it to its officer and the city's.
  const row = await insertJobWithInput(db, {
    kind: POLICY_BATCH_KIND, params, regionId: null, createdBy: actor.userId, createdByName: actor.displayName ?? actor.name,
  }, chunks);
  return presentBatchJob(row);
}
