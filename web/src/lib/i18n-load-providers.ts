// The providers' and maturity labels (prov.*, mat.*), added to the dictionary by the modules that
// use them, so only the pages that show them carry them (the director's home does not).
import { addMessages } from './i18n.tsx';
import { enProviders, zhProviders } from './i18n-providers.ts';

addMessages(zhProviders, enProviders);
