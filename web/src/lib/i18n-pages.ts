// The labels of the signed-in shell and the officers' homes (the 十大行动's menu and home card, the
// homes'), added to the dictionary when the signed-in shell (AppLayout) or a page outside it (the
// bulletin's print page) loads: the login page does not carry them. The other areas' labels are
// added by the modules that use them (i18n-load-<area>.ts), so the director's home does not carry
// them either.
import { addMessages } from './i18n.tsx';
import { enPlan, zhPlan } from './i18n-plan.ts';
import { enHome, zhHome } from './i18n-home.ts';

addMessages(zhPlan, enPlan);
addMessages(zhHome, enHome);
