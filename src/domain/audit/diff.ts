// What an audited write changed, field by field, as people read it: `contactName: 张三 → 李四`
// rather than two JSON documents to compare by eye.

export interface FieldChange {
  /** Dotted path into the record (`contactName`, `regions[2].coverageBasisPoints`); '' for the whole value. */
  path: string;
  /** Absent (undefined, left out of the JSON) when the field did not exist before. */
  before?: unknown;
  /** Absent when the field no longer exists after. */
  after?: unknown;
}

export interface AuditChanges {
  changes: FieldChange[];
  /** More fields changed than `limit`; the raw before/after hold them all. */
  truncated: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Arrays of objects are compared element by element; other arrays (a list of chains) are one value. */
const isListOfRecords = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0 && v.every(isRecord);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The leaf fields that differ between `before` and `after`, in the order the fields appear (the
 * before's keys first, then keys only the after has). A record created has only `after` values; one
 * deleted only `before` values. Null and absent are different: null is a stored empty value.
 */
export function auditChanges(before: unknown, after: unknown, limit = 200): AuditChanges {
  const changes: FieldChange[] = [];
  let truncated = false;
  const add = (change: FieldChange) => {
    if (changes.length < limit) changes.push(change);
    else truncated = true;
  };
  const walk = (b: unknown, a: unknown, path: string, hasB: boolean, hasA: boolean) => {
    if (!hasB && !hasA) return;
    if (hasB && hasA && sameValue(b, a)) return;
    if ((isRecord(b) || !hasB) && (isRecord(a) || !hasA) && (isRecord(b) || isRecord(a))) {
      const rb = isRecord(b) ? b : {};
      const ra = isRecord(a) ? a : {};
      const keys = [...Object.keys(rb), ...Object.keys(ra).filter((k) => !Object.hasOwn(rb, k))];
      for (const k of keys) {
        const inB = Object.hasOwn(rb, k) && rb[k] !== undefined;
        const inA = Object.hasOwn(ra, k) && ra[k] !== undefined;
        if (inB || inA) walk(rb[k], ra[k], join(path, k), inB, inA);
      }
      return;
    }
    if ((isListOfRecords(b) || !hasB) && (isListOfRecords(a) || !hasA) && (isListOfRecords(b) || isListOfRecords(a))) {
      const lb = (hasB ? b : []) as unknown[];
      const la = (hasA ? a : []) as unknown[];
      for (let i = 0; i < Math.max(lb.length, la.length); i++) walk(lb[i], la[i], `${path}[${i}]`, i < lb.length, i < la.length);
      return;
    }
    add({ path, ...(hasB ? { before: b } : {}), ...(hasA ? { after: a } : {}) });
  };
  // An entry without a before (a creation) or without an after (a deletion) stores null there.
  walk(before, after, '', before !== null && before !== undefined, after !== null && after !== undefined);
  return { changes, truncated };
}
