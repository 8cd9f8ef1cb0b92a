// 诊断报告: the provider submits the structured report. Refused without its parts: the summary, the
// gaps per area, the recommended projects with their investment estimates, the expected effect,
// the 诊断报告 document, and the on-site maturity assessment (submitted, on a named instrument
// version) whose level and scores the report carries into the enterprise file.
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import { documentsOf, lockDiagnosis, maturityForDiagnoses, updateDiagnosis } from '../../db/repositories/diagnosis-repository.ts';
import { assertPermission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { nextStatus } from '../../domain/diagnosis/lifecycle.ts';
import { reportSchema, totalInvestment } from '../../domain/diagnosis/report.ts';
import { conflict } from '../../domain/errors.ts';
import { formatFen } from '../../domain/policy/format.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { z } from 'zod';
import { diagnosisDetail, loadDiagnosisFor, recordStep } from './diagnosis-support.ts';

export const submitReportSchema = z.object({ version: z.int('version 必填').positive('version 须为正整数'), report: reportSchema }).strict();

export async function submitReport(db: Db, actor: Actor, id: string, raw: unknown, today: string) {
  assertPermission(actor, 'diagnoses.deliver');
  const input = parseOrThrow(submitReportSchema, raw);
  return db.transaction(async (tx) => {
    const d = await loadDiagnosisFor(tx, actor, id, 'diagnosis.deliver', lockDiagnosis);
    const to = nextStatus(d.status, 'report');
    if (!(await documentsOf(tx, d.id)).some((x) => x.kind === 'report')) throw conflict('请先上传诊断报告文件(kind=report)', 'documents');
    const maturity = (await maturityForDiagnoses(tx, [d.id])).find((m) => m.status === 'submitted');
    if (!maturity) throw conflict('报告须含现场评测结果:请先在本诊断中填写并提交数字化水平评测(source=diagnosis)', 'maturity');
    const report = {
      ...input.report,
      totalInvestmentFen: totalInvestment(input.report),
      maturity: { id: maturity.id, instrumentId: maturity.instrumentId, totalMilli: maturity.totalMilli, level: maturity.level, assessedOn: maturity.assessedOn },
    };
    const row = await updateDiagnosis(tx, d.id, input.version, { status: to, report, reportedOn: today, maturityId: maturity.id });
    await recordStep(tx, actor, d, 'report', to, `提交诊断报告:${input.report.gaps.length} 项短板,${input.report.recommendations.length} 项改造建议,投资估算合计 ${formatFen(report.totalInvestmentFen)}`);
    await appendAudit(tx, actor, { action: 'report', entity: 'diagnosis', entityId: d.id, after: { gaps: input.report.gaps.length, recommendations: input.report.recommendations.length, maturityId: maturity.id } });
    return diagnosisDetail(tx, row);
  });
}
