// 等保 2.0 三级 asks for password complexity; the rule is configurable (ZGSZ_PASSWORD_MIN_LENGTH,
// ZGSZ_PASSWORD_MIN_CLASSES) because each city's security office sets its own. ASVS V2.1 adds the
// rest: no password from a list of common ones, none holding the account name, and one longest
// length that creating, resetting, changing and signing in all accept.
export interface PasswordRules {
  minLength: number;
  minClasses: number;
}

/**
 * The longest password, in UTF-16 units (what zod's `.max` and `String.length` count). Every schema
 * and rule that takes a password reads this one constant: a password accepted at creation can sign in.
 */
export const PASSWORD_MAX_LENGTH = 128;

export const passwordTooLong = (label = '密码') => `${label}不能超过${PASSWORD_MAX_LENGTH}个字符`;

/** How a password is compared with the list: NFKC (as it is hashed) and case-insensitive. */
export const normalizeForList = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * The forms of a password looked up in the common list: itself, without the symbols around it
 * ('Qwer1234!'), and its core without the digits and symbols around it ('Woaini@1314' → 'woaini',
 * 'Admin@123456' → 'admin'). A common word dressed in the digits and symbol the complexity rule
 * demands is still guessed first.
 */
export function listForms(password: string): string[] {
  const whole = normalizeForList(password);
  const trimmed = whole.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const core = whole.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [...new Set([whole, trimmed, core].filter((f) => f.length > 0))];
}

export interface PasswordContext {
  /** The account's username: a password may not contain it (case-insensitive). */
  username: string;
  /** Common passwords, normalised with normalizeForList. */
  common: ReadonlySet<string>;
}

export function passwordProblem(password: string, rules: PasswordRules, context: PasswordContext): string | null {
  if (password.length > PASSWORD_MAX_LENGTH) return passwordTooLong();
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (password.length < rules.minLength || classes < rules.minClasses) {
    return `密码须至少${rules.minLength}个字符,并包含小写字母、大写字母、数字、符号中的至少${rules.minClasses}类`;
  }
  const username = normalizeForList(context.username);
  if (username && normalizeForList(password).includes(username)) return '密码不能包含用户名';
  if (listForms(password).some((f) => context.common.has(f))) {
    return '密码过于常见(在常见密码表中,或只是常见词加数字、符号),请换一个不易猜到的密码';
  }
  return null;
}
