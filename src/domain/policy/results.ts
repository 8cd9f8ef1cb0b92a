// What an evaluation returns. Money is integer fen; `max: null` means the text sets no upper
// bound (不低于 only). Every explanation step cites its clause and the parameter values used.
import type { Payer } from './types.ts';

export interface MoneyRange {
  readonly min: number;
  readonly max: number | null;
}

export interface ParameterUse {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  /** The date this value took effect. */
  readonly from: string;
  readonly clause: string;
  /** Set when a what-if replaced the value of the text. */
  readonly original?: string;
}

export interface ExplanationStep {
  readonly text: string;
  readonly clause: string;
  readonly parameters?: readonly ParameterUse[];
}

export interface ConditionFailure {
  /** The fact path (`projects[0].annual_investment`), `applicant_type`, `validity`, … */
  readonly fact: string;
  readonly actual: string;
  readonly requirement: string;
  /** 年智能制造设备、软件和技术服务投资额 1,800万元,需达到 2,000万元以上 */
  readonly message: string;
  readonly clause: string;
}

export interface ItemResult {
  readonly index: number;
  readonly eligible: boolean;
  readonly amount: MoneyRange;
  readonly failures: readonly ConditionFailure[];
}

export type MeasureStatus = 'eligible' | 'not_eligible' | 'not_in_force';

export interface MeasureResult {
  readonly id: string;
  readonly title: string;
  readonly clause: string;
  readonly quote: string;
  readonly topic?: string;
  readonly payer: Payer;
  readonly payerLabel: string;
  readonly frequency: string;
  readonly status: MeasureStatus;
  readonly eligible: boolean;
  readonly amount: MoneyRange;
  readonly amountText: string;
  readonly failures: readonly ConditionFailure[];
  readonly items?: readonly ItemResult[];
  readonly steps: readonly ExplanationStep[];
  readonly quota?: { readonly value: number; readonly text: string };
  readonly reading?: string;
}

export interface ValidityInfo {
  readonly from: string;
  readonly to: string;
  readonly status: 'in_force' | 'not_yet_in_force' | 'expired';
  readonly message: string;
  readonly clause: string;
  readonly daysLeft?: number;
}

export interface EvaluationResult {
  readonly policy: { readonly id: string; readonly title: string; readonly city: string; readonly number: string | null };
  readonly date: string;
  readonly validity: ValidityInfo;
  readonly warnings: readonly string[];
  readonly overrides: readonly ParameterUse[];
  readonly measures: readonly MeasureResult[];
  readonly eligibleCount: number;
  readonly total: MoneyRange;
  readonly totalText: string;
  readonly byPayer: Readonly<Record<Payer, MoneyRange>>;
}
