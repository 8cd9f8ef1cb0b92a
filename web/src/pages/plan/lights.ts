// The lights' colours and the month labels, apart from shared.tsx so that the home's 十大行动 card
// (PlanCard) loads without the plan pages' forms, tags and Result.
import type { Light } from '../../api/plan.ts';
import type { Translate } from '../../lib/i18n.tsx';

export const LIGHT_HEX: Record<Light, string> = { green: '#2f9e6e', amber: '#e09a1a', red: '#cf1322', none: '#bfbfbf' };
export const LIGHTS: Light[] = ['green', 'amber', 'red', 'none'];

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 5月 / May. */
export const monthLabel = (t: Translate, month: number) => t('plan.month', { month, name: MONTHS_EN[month - 1] ?? String(month) });
/** 2023年5月 / May 2023. */
export const ymLabel = (t: Translate, year: number, month: number) => t('plan.yearMonth', { year, month, name: MONTHS_EN[month - 1] ?? String(month) });
