// 等保 2.0 三级 asks for password complexity; the rule is configurable (ZGSZ_PASSWORD_MIN_LENGTH,
// ZGSZ_PASSWORD_MIN_CLASSES) because each city's security office sets its own.
export interface PasswordRules {
  minLength: number;
  minClasses: number;
}

export function passwordProblem(password: string, rules: PasswordRules): string | null {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (password.length < rules.minLength || classes < rules.minClasses) {
    return `密码须至少${rules.minLength}个字符,并包含小写字母、大写字母、数字、符号中的至少${rules.minClasses}类`;
  }
  return null;
}
