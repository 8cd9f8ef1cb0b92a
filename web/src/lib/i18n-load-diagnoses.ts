// The diagnosis area's labels (diag.*), added to the dictionary by the modules that use them, so
// only the pages that show them carry them (the director's home does not).
import { addMessages } from './i18n.tsx';
import { enDiagnoses, zhDiagnoses } from './i18n-diagnoses.ts';

addMessages(zhDiagnoses, enDiagnoses);
