// Diagnoses an actor may see: the city all, a region its own, an enterprise its own, a provider or
// supervisor its organisation's work only.
import type { Db } from '../../db/client.ts';
import { findDiagnosis, listDiagnoses as listRows, type DiagnosisFilter } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission, dataScope } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { diagnosisDetail, loadDiagnosisFor, presentDiagnosis } from './diagnosis-support.ts';

const NONE = '00000000-0000-0000-0000-000000000000';

export function scopedFilter(actor: Actor, f: DiagnosisFilter): DiagnosisFilter {
  if (actor.role === 'provider') return { ...f, providerId: actor.organisationId ?? NONE };
  if (actor.role === 'supervisor') return { ...f, supervisorId: actor.organisationId ?? NONE };
  const scope = dataScope(actor);
  if (scope.kind === 'region') return { ...f, regionId: scope.regionId };
  if (scope.kind === 'enterprise') return { ...f, enterpriseId: scope.enterpriseId };
  if (scope.kind === 'none') return { ...f, enterpriseId: NONE };
  return f;
}

export async function listDiagnoses(db: Db, actor: Actor, q: { city?: string | undefined; year?: number | undefined; status?: string | undefined; regionId?: string | undefined; enterpriseId?: string | undefined }) {
  assertPermission(actor, 'diagnoses.read');
  const rows = await listRows(db, scopedFilter(actor, q));
  return rows.map((r) => presentDiagnosis(r.d, {
    enterpriseName: r.enterpriseName, uscc: r.uscc,
    providerName: r.providerName, supervisorName: r.supervisorName,
  }));
}

export async function getDiagnosis(db: Db, actor: Actor, id: string) {
  assertPermission(actor, 'diagnoses.read');
  const d = await loadDiagnosisFor(db, actor, id, 'diagnosis.read', findDiagnosis);
  return diagnosisDetail(db, d);
}
