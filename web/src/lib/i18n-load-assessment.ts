// The assessment area's labels (asc.*), added to the dictionary by the modules that use them, so
// only the pages that show them carry them (the director's home does not).
import { addMessages } from './i18n.tsx';
import { enAssessment, zhAssessment } from './i18n-assessment.ts';

addMessages(zhAssessment, enAssessment);
