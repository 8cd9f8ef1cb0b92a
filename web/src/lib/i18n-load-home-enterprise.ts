// The enterprise's home's labels (home.ent.*), added to the dictionary by the modules that use
// them, so only the pages that show them carry them (the director's home does not).
import { addMessages } from './i18n.tsx';
import { enHomeEnterprise, zhHomeEnterprise } from './i18n-home-enterprise.ts';

addMessages(zhHomeEnterprise, enHomeEnterprise);
