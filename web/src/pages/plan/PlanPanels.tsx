// The report form and the indicator drawer of a plan page, with the functions its rows call to open
// them (a report opened from the drawer closes nothing: the drawer refreshes behind the form).
import { type ReactNode, useState } from 'react';
import type { PlanTree } from '../../api/plan.ts';
import { IndicatorDrawer } from './IndicatorDrawer.tsx';
import { ReportModal } from './ReportModal.tsx';
import type { DetailTarget, ReportTarget } from './shared.tsx';

export function usePlanPanels(plan: PlanTree | undefined) {
  const [report, setReport] = useState<ReportTarget | null>(null);
  const [detail, setDetail] = useState<DetailTarget | null>(null);
  const panels: ReactNode = (
    <>
      <IndicatorDrawer target={detail} plan={plan} onClose={() => setDetail(null)} onReport={setReport} />
      {report ? <ReportModal target={report} plan={plan} onClose={() => setReport(null)} /> : null}
    </>
  );
  return { openReport: setReport, openDetail: setDetail, panels };
}
