// 支撑材料 per item of a maturity assessment: whoever writes the assessment attaches files to its
// questions or scenes while it is a draft (recognised by content, stored once by SHA-256); anyone who
// may read the assessment may download them.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../db/client.ts';
import { findStoredFile, upsertStoredFile } from '../../db/repositories/application-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { findDiagnosis, findMaturityEvidence, insertMaturityEvidence, maturityEvidenceOf } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission, authorize } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { checkFileName, checkFileType } from '../../domain/files/allowed-types.ts';
import type { FileStore } from '../../io/file-store.ts';
import { getInstrument } from '../../io/instruments.ts';
import { loadMaturityFor, presentMaturity } from './maturity-support.ts';

export async function uploadMaturityEvidence(db: Db, actor: Actor, id: string, input: { itemId: unknown; fileName: unknown; data: Buffer }, files: FileStore) {
  assertPermission(actor, 'maturity.assess');
  const instrument = getInstrument('miit-sme-2024');
  const items = [...instrument.questions.map((q) => q.id), ...instrument.scenes.map((s) => s.id)];
  if (typeof input.itemId !== 'string' || !items.includes(input.itemId)) throw invalid('item', `item 须为评测题目或场景的编号,如 ${items.slice(0, 3).join('、')}`);
  const fileName = checkFileName(input.fileName);
  if (!input.data.length) throw invalid('file', '文件为空');
  const type = checkFileType(await fileTypeFromBuffer(input.data), fileName);
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return db.transaction(async (tx) => {
    const m = await loadMaturityFor(tx, actor, id);
    const d = m.diagnosisId ? await findDiagnosis(tx, m.diagnosisId) : undefined;
    authorize(actor, 'maturity.write', { enterpriseId: m.enterpriseId, source: m.source, providerId: d?.providerId ?? null });
    if (m.status !== 'draft') throw conflict('评测已提交,不能再添加支撑材料', 'status');
    await files.put(sha256, input.data);
    await upsertStoredFile(tx, { sha256, size: input.data.length, mime: type.mime, ext: type.ext });
    const row = await insertMaturityEvidence(tx, { maturityId: m.id, itemId: input.itemId as string, sha256, fileName, uploadedBy: actor.displayName ?? actor.name });
    await appendAudit(tx, actor, { action: 'upload', entity: 'maturity_evidence', entityId: row.id, after: { maturityId: m.id, itemId: row.itemId, fileName, sha256 } });
    return { id: row.id, itemId: row.itemId, fileName, sha256, mime: type.mime, size: input.data.length };
  });
}

export async function downloadMaturityEvidence(db: Db, actor: Actor, id: string, evidenceId: string, files: FileStore) {
  assertPermission(actor, 'maturity.read');
  const m = await loadMaturityFor(db, actor, id);
  const ev = /^[0-9a-f-]{36}$/i.test(evidenceId) ? await findMaturityEvidence(db, m.id, evidenceId) : undefined;
  const meta = ev ? await findStoredFile(db, ev.sha256) : undefined;
  const stream = meta ? files.open(meta.sha256) : null;
  if (!ev || !meta || !stream) throw notFound('文件不存在', 'evidenceId');
  return { stream, mime: meta.mime, fileName: ev.fileName, size: meta.size };
}

/** One result with its answers, score and the evidence filed per item. */
export async function getMaturity(db: Db, actor: Actor, id: string) {
  assertPermission(actor, 'maturity.read');
  const m = await loadMaturityFor(db, actor, id);
  const evidence = await maturityEvidenceOf(db, m.id);
  return { ...presentMaturity(m, true), evidence: evidence.map((e) => ({ id: e.id, itemId: e.itemId, fileName: e.fileName, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt.toISOString() })) };
}
