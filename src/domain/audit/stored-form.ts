// The audit chain hashes an entry before it is written, and `audit verify` hashes what the database
// hands back. The two must be the same value, or an honest entry reads as an alteration: PostgreSQL
// text and jsonb cannot hold NUL (the write fails), and a lone UTF-16 surrogate reaches the database
// as U+FFFD (UTF-8 has no encoding for it) or is refused by the JSON parser. So every string of an
// entry is put into the form the database keeps before it is hashed and written.

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NEEDS_FIXING = /[\u0000\uD800-\uDFFF]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as PostgreSQL stores it: NUL removed, each lone surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  // Most entries have nothing to fix: one test, no copy.
  if (!NEEDS_FIXING.test(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

export function storableTextOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : storableText(text);
}

// JSON.stringify writes a lone surrogate as \udXXX and NUL as \u0000; valid pairs are written as
// themselves. A serialisation without either escape needs no fixing (a false alarm, such as a
// literal backslash-u in the text, only takes the slower path).
const ESCAPE_TO_FIX = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * The value as jsonb will hand it back: a JSON round trip (dates become ISO strings, undefined
 * properties disappear) with every string and key in storable form. Null for null or undefined.
 */
export function storableJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(value);
  if (json === undefined) return null;
  const parsed: unknown = JSON.parse(json);
  return ESCAPE_TO_FIX.test(json) ? fixStrings(parsed) : parsed;
}

function fixStrings(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(fixStrings);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a key, as in jsonb.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), fixStrings(v)]));
  }
  return value;
}
