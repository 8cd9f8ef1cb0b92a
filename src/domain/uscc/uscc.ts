// 统一社会信用代码 (GB 32100-2015). 18 characters:
//   [0]    登记管理部门码  [1] 机构类别码  [2..7] 登记管理机关行政区划码 (6 digits)
//   [8..16] 主体标识码 = 组织机构代码 (GB 11714-1997: 8 body characters + its own check character)
//   [17]   校验码
// Both check characters are verified: a code that passes the outer check but embeds an invalid
// organisation code is still refused, as the national registry would refuse it.

/** The 31 characters GB 32100 allows: digits and capitals without I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const FORBIDDEN = new Set(['I', 'O', 'Z', 'S', 'V']);

export type UsccProblem =
  | 'length'
  | 'forbidden_letter'
  | 'bad_character'
  | 'region_code'
  | 'org_check'
  | 'check';

export type UsccResult =
  | { ok: true; value: string }
  | { ok: false; problem: UsccProblem; message: string; position?: number };

function usccValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/** GB 11714 value of a character: digits as themselves, A=10 … Z=35. */
function orgValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : c - 55;
}

/** Check character of an 8-character GB 11714 organisation code body. */
export function orgCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Check character of the first 17 characters of a USCC. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function validateUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return { ok: false, problem: 'length', message: `统一社会信用代码须为18位,实为${code.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = code[i]!;
    if (FORBIDDEN.has(ch)) {
      return { ok: false, problem: 'forbidden_letter', position: i + 1, message: `第${i + 1}位为字母 ${ch},统一社会信用代码不使用 I、O、Z、S、V` };
    }
    if (usccValue(ch) < 0) {
      return { ok: false, problem: 'bad_character', position: i + 1, message: `第${i + 1}位“${ch}”不是允许的字符(数字或除 I、O、Z、S、V 外的大写字母)` };
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, problem: 'region_code', position: 3, message: '第3–8位(登记管理机关行政区划码)须为6位数字' };
  }
  const orgBody = code.slice(8, 16);
  const orgCheck = orgCheckChar(orgBody);
  if (code[16] !== orgCheck) {
    return { ok: false, problem: 'org_check', position: 17, message: `第17位(组织机构代码校验码)应为 ${orgCheck},实为 ${code[16]}` };
  }
  const check = usccCheckChar(code.slice(0, 17));
  if (code[17] !== check) {
    return { ok: false, problem: 'check', position: 18, message: `第18位(校验码)应为 ${check},实为 ${code[17]}` };
  }
  return { ok: true, value: code };
}

/**
 * Builds a valid USCC from its parts (used by the demo data and tests). `orgBody` is the 8
 * character organisation code body; both check characters are computed.
 */
export function makeUscc(authority: string, kind: string, adminCode: string, orgBody: string): string {
  const org = orgBody + orgCheckChar(orgBody);
  const first17 = `${authority}${kind}${adminCode}${org}`;
  return first17 + usccCheckChar(first17);
}
