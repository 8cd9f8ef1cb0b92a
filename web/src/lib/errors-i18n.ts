// The API answers errors as {code, message, field, details} with a Chinese message. In Chinese the
// web shows that message; in English it says the same thing from the code, the field's label and
// the details (a limit, a wait), so no Chinese sentence and no schema key reaches an English reader.
// Pure: the caller passes the language.
import { type FieldLabel, fieldLabel } from '../../../src/domain/field-labels.ts';
import { FACT_LABELS_EN } from './i18n-facts.ts';

export type ErrorLang = 'zh' | 'en';

export interface ErrorLike {
  status?: number;
  code: string;
  message: string;
  field?: string | undefined;
  details?: unknown;
}

const LANG_KEY = 'zgsz.lang';
const CJK = /[\u3400-\u9fff]/;

/** The language the app is showing (the I18nProvider keeps it in localStorage). */
export function currentErrorLang(): ErrorLang {
  try {
    // Typed by hand: the server's tsconfig (which the unit tests of this file run under) has no DOM.
    const storage = (globalThis as { localStorage?: { getItem(key: string): string | null } }).localStorage;
    return storage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function waitEn(seconds: number): string {
  if (seconds >= 60) {
    const m = Math.ceil(seconds / 60);
    return `${m} minute${m === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function bytesEn(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

const LIMIT_EN: Record<string, string> = {
  bytes: 'size', rows: 'row', columns: 'column', cells: 'cell', cellLength: 'cell length', unpacked: 'unpacked size',
  sharedStrings: 'shared strings', files: 'file count',
};

// The calculator's facts (`facts.projects[0].annual_investment`) by their English names; the
// Chinese side is the server's own message, which already names them.
const FACT_FIELDS: Record<string, FieldLabel> = Object.fromEntries(
  Object.entries(FACT_LABELS_EN).flatMap(([k, en]) => [[k, { zh: k, en }], [k.split('.').pop()!, { zh: k, en }]]),
);

/** The field label for the error's field, in the language; undefined when the error names none. */
export function errorFieldLabel(field: string | undefined, lang: ErrorLang): string | undefined {
  if (!field || field === '(root)') return undefined;
  return fieldLabel(field, lang, lang === 'en' && field.startsWith('facts.') ? FACT_FIELDS : {});
}

/** The sentence to show for an API error in a language. */
export function translateError(err: ErrorLike, lang: ErrorLang): string {
  if (lang === 'zh') return err.message;
  const details = (typeof err.details === 'object' && err.details !== null ? err.details : {}) as Record<string, unknown>;
  const label = errorFieldLabel(err.field, 'en');
  const retry = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
  switch (err.code) {
    case 'NETWORK':
      return 'Cannot reach the server. Check the network or try again later.';
    case 'UNAUTHENTICATED':
      if (err.field === 'password' || err.field === 'username') return 'Wrong username or password.';
      if (err.field === 'oldPassword') return 'The current password is wrong.';
      return 'Your session has ended. Please sign in again.';
    case 'LOCKED':
      return retry !== undefined
        ? `Too many failed attempts. Try again in ${waitEn(retry)}.`
        : 'This is locked for now. Try again later.';
    case 'INVALID': {
      if (err.field === 'body' && !Array.isArray(err.details)) return 'The submitted data could not be read. Reload the page and try again.';
      if (retry !== undefined) return `Too many requests. Try again in ${waitEn(retry)}.`;
      // A schema check's own reason (zod writes English) is worth keeping: "Invalid email address".
      const reason = /无效[::]\s*(.+)$/.exec(err.message)?.[1];
      const tail = reason && !CJK.test(reason) ? ` (${reason.trim().replace(/\.$/, '')})` : '';
      return label ? `Invalid value in field «${label}»${tail}. Check it and try again.` : 'The input is not valid. Check the form and try again.';
    }
    case 'NOT_FOUND':
      // `id` is the record the address names: no label says more than "the record".
      return label && err.field !== 'id' ? `Not found: the ${label.toLowerCase()} does not exist or is not visible to you.` : 'Not found: the record does not exist or is not visible to you.';
    case 'FORBIDDEN':
      return 'You are not allowed to do this: it is outside your role or your area of responsibility.';
    case 'CONFLICT':
      return label
        ? `The value of «${label}» conflicts with an existing record or with the record's current state.`
        : 'This conflicts with the current state of the record (it may have just been changed). Refresh and try again.';
    case 'TOO_LARGE': {
      const limit = typeof details.limit === 'string' ? details.limit : undefined;
      const allowed = typeof details.allowed === 'number' ? details.allowed : undefined;
      if (limit && allowed !== undefined) {
        const what = LIMIT_EN[limit] ?? limit;
        return `The upload is over the ${what} limit (at most ${limit === 'bytes' || limit === 'unpacked' ? bytesEn(allowed) : allowed.toLocaleString('en')}).`;
      }
      return 'The upload is too large.';
    }
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'Unsupported content type: send JSON, or an .xlsx file for imports.';
    case 'INTERNAL':
      return 'Internal server error. Try again later; if it persists, tell the administrator.';
    default:
      if (err.status && err.status >= 500) return `Server error (HTTP ${err.status}). Try again later.`;
      if (err.status) return `The request failed (HTTP ${err.status}).`;
      return `The request failed (${err.code}).`;
  }
}

/**
 * The text for an error shown under the form field it names: in Chinese without the lead-in naming
 * the field (its position says it), in English the translated sentence.
 */
export function fieldErrorText(err: ErrorLike, lang: ErrorLang): string {
  if (lang === 'en') return translateError(err, 'en');
  return err.message.replace(/^(请求体|查询参数|路径参数|请求头)?中的「[^」]*」无效[::]\s*/, '').replace(/^[\w.[\]]+: /, '');
}
