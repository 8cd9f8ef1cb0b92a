// The labels of 免申即享 over the file and of the yearly facts card (fm.*, ef.*), added to the
// dictionary by the modules that use them, so only the pages that show them carry them (the
// director's home does not).
import { addMessages } from './i18n.tsx';
import { enFileMatch, zhFileMatch } from './i18n-file-match.ts';

addMessages(zhFileMatch, enFileMatch);
