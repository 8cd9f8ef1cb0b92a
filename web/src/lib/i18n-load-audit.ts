// The audit log's labels (audit.*), added to the dictionary by the modules that use them, so only
// the pages that show them carry them (the director's home does not).
import { addMessages } from './i18n.tsx';
import { enAudit, zhAudit } from './i18n-audit.ts';

addMessages(zhAudit, enAudit);
