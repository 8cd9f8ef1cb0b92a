// What the platform accepts as text and numbers from outside, whatever the field. PostgreSQL text
// cannot hold NUL; JSON and jsonb turn a lone UTF-16 surrogate into U+FFFD, so the stored value
// would differ from the one the audit chain hashed; control characters have no place in a name or
// an address and hide content from the officer who reads it. A number that JSON parsed beyond the
// range a double holds exactly (1e308, 2^53+1) would be rounded silently or overflow a later sum.
// One walk over any parsed input applies these rules, so no field can forget them.

/** C0 controls except tab, line feed and carriage return (which multi-line remarks use), and DEL. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that reach Object.prototype when a value is copied with spread or Object.assign. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface InputProblem {
  /** Dotted path of the offending value or key (`contacts.0.name`), or the key itself. */
  field: string;
  message: string;
}

export function textProblem(text: string): string | null {
  if (CONTROL.test(text)) {
    return text.includes('\u0000') ? '不能包含空字符 NUL (\\u0000)' : '不能包含控制字符(制表、换行除外)';
  }
  if (LONE_SURROGATE.test(text)) return '含有无效的 Unicode 字符(孤立的代理项)';
  return null;
}

export function numberProblem(n: number): string | null {
  if (!Number.isFinite(n)) return '数值超出范围';
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return `数值超出可精确表示的范围(须在 ±${Number.MAX_SAFE_INTEGER} 之内)`;
  return null;
}

/**
 * The first problem in a parsed JSON value, query or path parameters, or null. Walks depth-first
 * with an explicit stack so a deeply nested body cannot overflow the call stack.
 */
export function findInputProblem(value: unknown, root = ''): InputProblem | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  const name = (path: string) => path || '(root)';
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) return { field: name(path), message: p };
    } else if (typeof v === 'number') {
      const p = numberProblem(v);
      if (p) return { field: name(path), message: p };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !isStream(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        const keyPath = path ? `${path}.${k}` : k;
        if (FORBIDDEN_KEYS.has(k)) return { field: keyPath, message: `不允许的字段名 ${k}` };
        const p = textProblem(k);
        if (p) return { field: name(path), message: `字段名${p}` };
        stack.push({ value: (v as Record<string, unknown>)[k], path: keyPath });
      }
    }
  }
  return null;
}

function isStream(v: object): boolean {
  return typeof (v as { pipe?: unknown }).pipe === 'function';
}
