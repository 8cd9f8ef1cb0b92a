// Turns the first zod issue into a DomainError('INVALID') whose field is the dotted path of the
// offending input (regions[2].completed.retrofit) and whose message says, in Chinese, what was
// expected and what was received.
import type { z } from 'zod';
import type { DomainError } from '../errors.ts';
import { invalid } from '../errors.ts';

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文本',
  boolean: 'true/false',
  array: '列表',
  object: '对象',
};

export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

export function domainErrorFromZod(error: z.ZodError, root: string, input: unknown): DomainError {
  const issue = error.issues[0]!;
  const field = fieldPath(root, issue.path);
  let received: unknown = input;
  for (const p of issue.path) received = received && typeof received === 'object' ? (received as Record<PropertyKey, unknown>)[p as string] : undefined;
  const got = received === undefined ? '缺少此项' : `收到 ${JSON.stringify(received)}`;
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what = received === undefined ? '为必填项' : `须为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
      break;
    case 'too_small':
      what = issue.origin === 'array' ? `至少需要${String(issue.minimum)}项` : issue.origin === 'string' ? '不能为空' : `不能小于${String(issue.minimum)}`;
      break;
    case 'too_big':
      what = `不能大于${String(issue.maximum)}`;
      break;
    case 'invalid_value':
      what = `取值须为 ${issue.values.map((v) => String(v)).join(' / ')} 之一`;
      break;
    case 'unrecognized_keys':
      what = `含有未知字段 ${issue.keys.join(', ')}`;
      break;
    default:
      what = issue.message;
  }
  return invalid(field, `${field} ${what}${issue.code === 'unrecognized_keys' ? '' : `,${got}`} (${issue.message})`);
}
