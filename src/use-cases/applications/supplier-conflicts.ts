// 诊改联动's other side: a provider that diagnosed an enterprise and then supplies the retrofit it
// recommended has an interest in the recommendation. Suppliers the applicant declares are matched
// (by USCC) against the providers of the enterprise's diagnoses; a match must be explained before
// submission and is shown to every reviewer.
import type { Executor } from '../../db/client.ts';
import { providersOfEnterprise } from '../../db/repositories/diagnosis-repository.ts';
import { invalid } from '../../domain/errors.ts';
import { validateUscc } from '../../domain/uscc/uscc.ts';

export interface Supplier { uscc: string; name: string; note?: string | undefined }

export function checkSuppliers(list: readonly Supplier[]): Supplier[] {
  return list.map((s, i) => {
    const v = validateUscc(s.uscc);
    if (!v.ok) throw invalid(`suppliers[${i}].uscc`, `供应商“${s.name}”的统一社会信用代码有误:${v.message}`);
    return { uscc: s.uscc.trim().toUpperCase(), name: s.name, ...(s.note ? { note: s.note } : {}) };
  });
}

export async function supplierConflicts(db: Executor, app: { enterpriseId: string; suppliers: unknown }) {
  const suppliers = (app.suppliers ?? []) as Supplier[];
  if (!suppliers.length) return [];
  const diagnosedBy = await providersOfEnterprise(db, app.enterpriseId);
  return suppliers.flatMap((s, index) => {
    const mine = diagnosedBy.filter((d) => d.uscc === s.uscc);
    if (!mine.length) return [];
    return [{
      index, uscc: s.uscc, name: s.name, note: s.note ?? null, providerId: mine[0]!.provider_id,
      diagnosisNumber: mine.map((d) => d.number).join('、'), diagnoses: mine.map((d) => ({ id: d.id, number: d.number })),
    }];
  });
}
