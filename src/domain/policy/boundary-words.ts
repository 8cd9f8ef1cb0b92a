// Boundary words and the comparison each one means. 民法典 第1259条: “以上”“以下”“以内”“届满”
// include the number itself; “不满”“超过”“以外” exclude it. 超 is the short form of 超过.
// 不低于/不少于/不高于/不超过 say the same thing explicitly. Policy data must state a threshold
// with its word, never with a bare operator, so the text and the rule cannot drift apart.
import type { Operator } from './types.ts';

interface WordMeaning {
  readonly op: Operator;
  /** "需达到 2,000万元以上": what the applicant must reach, for failure messages. */
  readonly requirement: (threshold: string) => string;
}

export const BOUNDARY_WORDS: Readonly<Record<string, WordMeaning>> = {
  以上: { op: '>=', requirement: (t) => `需达到 ${t}以上` },
  不低于: { op: '>=', requirement: (t) => `需不低于 ${t}` },
  不少于: { op: '>=', requirement: (t) => `需不少于 ${t}` },
  超过: { op: '>', requirement: (t) => `需超过 ${t}` },
  超: { op: '>', requirement: (t) => `需超过 ${t}` },
  以下: { op: '<=', requirement: (t) => `需在 ${t}以下` },
  以内: { op: '<=', requirement: (t) => `需在 ${t}以内` },
  不高于: { op: '<=', requirement: (t) => `需不高于 ${t}` },
  不超过: { op: '<=', requirement: (t) => `需不超过 ${t}` },
  不满: { op: '<', requirement: (t) => `需不满 ${t}` },
};

export function compare(op: Operator, actual: number, threshold: number): boolean {
  switch (op) {
    case '>=': return actual >= threshold;
    case '>': return actual > threshold;
    case '<=': return actual <= threshold;
    case '<': return actual < threshold;
  }
}

/** Whether the threshold value itself satisfies the word (以上: yes; 超过: no). */
export const includesThreshold = (op: Operator) => op === '>=' || op === '<=';
