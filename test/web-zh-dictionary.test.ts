// The Chinese interface is Chinese: a message of the zh dictionaries that has words holds Chinese,
// but for the few that are rightly English (the button that switches to English, an abbreviation).
// Templates of placeholders and punctuation only ("{count} / {goal} {unit}") have no words. An
// English entry left in a zh dictionary (the reports' axes said "10k yuan" under Chinese titles) is
// caught here, where the browser tests' English walk cannot see it.
import { describe, expect, it } from 'vitest';
import { zh } from '../web/src/lib/i18n-core-zh.ts';
import { zhAccount } from '../web/src/lib/i18n-account.ts';
import { zhAssessment } from '../web/src/lib/i18n-assessment.ts';
import { zhAudit } from '../web/src/lib/i18n-audit.ts';
import { zhDiagnoses } from '../web/src/lib/i18n-diagnoses.ts';
import { zhFileMatch } from '../web/src/lib/i18n-file-match.ts';
import { zhHome } from '../web/src/lib/i18n-home.ts';
import { zhHomeEnterprise } from '../web/src/lib/i18n-home-enterprise.ts';
import { zhLang } from '../web/src/lib/i18n-lang.ts';
import { zhPlan } from '../web/src/lib/i18n-plan.ts';
import { zhProviders } from '../web/src/lib/i18n-providers.ts';

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;
/** Rightly English: the language switch names the language it switches to; IP is the abbreviation used in Chinese too. */
const ENGLISH = new Set(['header.switchLanguage', 'audit.ip']);
const words = (text: string) => text.replace(/\{[A-Za-z]+\}/g, '');

describe('the zh dictionaries', () => {
  it('say every message with words in Chinese, but the two listed', () => {
    const dicts: Record<string, string>[] = [zh, zhAccount, zhAssessment, zhAudit, zhDiagnoses, zhFileMatch, zhHome, zhHomeEnterprise, zhLang, zhPlan, zhProviders];
    const notChinese = dicts.flatMap((d) => Object.entries(d)).filter(([key, text]) => LATIN.test(words(text)) && !CJK.test(text) && !ENGLISH.has(key));
    expect(notChinese).toEqual([]);
  });
});
