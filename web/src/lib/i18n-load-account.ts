// The account page's labels (account.*), added to the dictionary by the modules that use them, so
// only the pages that show them carry them (the director's home does not).
import { addMessages } from './i18n.tsx';
import { enAccount, zhAccount } from './i18n-account.ts';

addMessages(zhAccount, enAccount);
