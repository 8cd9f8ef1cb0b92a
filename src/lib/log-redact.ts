// Database errors carry the values of the statement that failed: Drizzle's message ends with
// "params: …" and keeps them in `params`, PostgreSQL's `detail` quotes the failing row or key. A
// failed insert into users would write a password hash (or personal data) into the server log.
// Errors are logged through this copy, which keeps the statement, the error and its code but not
// the values.
import { stdSerializers } from 'pino';

const VALUE_KEYS = new Set(['params', 'parameters']);

/** PostgreSQL's detail without the values: which key or row, not what was in it. */
export function redactDetail(detail: string): string {
  return detail
    .replace(/^Failing row contains \([\s\S]*\)\.?$/, 'Failing row contains (…)')
    .replace(/(Key \([^)]*\))=\([\s\S]*?\)(?= (?:already exists|is not present|is still referenced|conflicts with))/g, '$1=(…)');
}

/** PostgreSQL's own messages quote a value they could not read ('invalid input syntax for type uuid: "…"'). */
function redactServerMessage(message: string): string {
  return message.replace(/: "[\s\S]*"$/, ': "…"');
}

/** Drizzle's "Failed query: <sql>\nparams: <values>" with the values dropped. */
function redactedQueryMessage(err: Error & { query?: unknown; params?: unknown }): string | null {
  if (typeof err.query !== 'string' || !Array.isArray(err.params) || !err.message.startsWith('Failed query: ')) return null;
  return `Failed query: ${err.query}\nparams: [${err.params.length} 个参数值未记入日志 (values not logged)]`;
}

/** A copy of the error (and its causes) without parameter values; the original is left as it is. */
export function redactError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 8) return err;
  const copy = Object.create(Object.getPrototypeOf(err)) as Error & Record<string, unknown>;
  // A server error (pg, PGlite) has a severity and an SQLSTATE code.
  const fromServer = typeof (err as { severity?: unknown }).severity === 'string' && typeof (err as { code?: unknown }).code === 'string';
  const message = redactedQueryMessage(err as Error & { query?: unknown; params?: unknown })
    ?? (fromServer ? redactServerMessage(err.message) : null);
  for (const key of Object.getOwnPropertyNames(err)) {
    if (VALUE_KEYS.has(key)) continue;
    const desc = Object.getOwnPropertyDescriptor(err, key)!;
    if ('value' in desc) {
      let value: unknown = desc.value;
      if (key === 'message' && message !== null) value = message;
      else if (key === 'stack' && typeof value === 'string') value = redactStack(value, err.message, message);
      else if (key === 'detail' && typeof value === 'string') value = redactDetail(value);
      else if (key === 'cause') value = redactError(value, depth + 1);
      else if (key === 'errors' && Array.isArray(value)) value = value.map((e) => redactError(e, depth + 1));
      desc.value = value;
    }
    Object.defineProperty(copy, key, desc);
  }
  return copy;
}

function redactStack(stack: string, original: string, redacted: string | null): string {
  if (redacted === null) return stack;
  if (stack.includes(original)) return stack.replace(original, () => redacted);
  // A stack without the message in it: keep its frames only.
  return stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
}

/** pino's `err` serializer over the redacted copy: what every `log.error({ err })` writes. */
export const redactedErrSerializer = (err: unknown) => stdSerializers.err(redactError(err) as Error);

/** An error's message for a person (the command line's 错误: line), without parameter values. */
export const redactedMessage = (err: Error) => (redactError(err) as Error).message;
