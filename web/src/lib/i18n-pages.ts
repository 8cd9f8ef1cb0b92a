// The labels of the signed-in pages, added to the dictionary when the signed-in shell (AppLayout)
// or a page outside it (the bulletin's print page) loads: the login page does not carry them.
import { addMessages } from './i18n.tsx';
import { enDiagnoses, zhDiagnoses } from './i18n-diagnoses.ts';
import { enAccount, zhAccount } from './i18n-account.ts';
import { enAudit, zhAudit } from './i18n-audit.ts';
import { enPlan, zhPlan } from './i18n-plan.ts';
import { enAssessment, zhAssessment } from './i18n-assessment.ts';
import { enFileMatch, zhFileMatch } from './i18n-file-match.ts';
import { enHome, zhHome } from './i18n-home.ts';
import { enHomeEnterprise, zhHomeEnterprise } from './i18n-home-enterprise.ts';
import { enProviders, zhProviders } from './i18n-providers.ts';

addMessages(zhDiagnoses, enDiagnoses);
addMessages(zhAccount, enAccount);
addMessages(zhAudit, enAudit);
addMessages(zhPlan, enPlan);
addMessages(zhAssessment, enAssessment);
addMessages(zhFileMatch, enFileMatch);
addMessages(zhHome, enHome);
addMessages(zhHomeEnterprise, enHomeEnterprise);
addMessages(zhProviders, enProviders);
