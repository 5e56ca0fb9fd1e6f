import type { ReadLimits } from './limits.ts';

export class FlattenProblem extends Error {
  field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

function deeperThan(value: unknown, max: number): boolean {
  if (max < 0) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    if (deeperThan(v, max - 1)) return true;
  return false;
}

/**
 * Turns one JSON record into flat columns: nested objects become dotted keys (`dimensions.width`),
 * arrays of scalars are joined with ", ", arrays holding objects are kept as compact JSON text.
 * Throws FlattenProblem when the record breaks a limit.
 */
export function flattenRecord(record: Record<string, unknown>, limits: ReadLimits): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let keys = 0;
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' && value.length > limits.maxFieldChars) {
      throw new FlattenProblem(
        `a value is larger than the ${limits.maxFieldChars.toLocaleString('en')}-character limit`,
        key,
      );
    }
    if (++keys > limits.maxColumns) {
      throw new FlattenProblem(`the record has more than ${limits.maxColumns.toLocaleString('en')} fields`);
    }
    out[key] = value;
  };
  const walk = (prefix: string, value: unknown, depth: number): void => {
    if (depth > limits.maxJsonDepth)
      throw new FlattenProblem(`the record is nested deeper than ${limits.maxJsonDepth} levels`);
    if (Array.isArray(value)) {
      if (value.some((v) => v !== null && typeof v === 'object')) {
        if (deeperThan(value, limits.maxJsonDepth - depth)) {
          throw new FlattenProblem(`the record is nested deeper than ${limits.maxJsonDepth} levels`);
        }
        put(prefix, JSON.stringify(value));
      } else {
        const parts = value.filter((v) => v !== null && v !== '').map(String);
        put(prefix, parts.length ? parts.join(', ') : null);
      }
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0 && prefix) put(prefix, null);
      for (const [k, v] of entries) walk(prefix ? `${prefix}.${k}` : k, v, depth + 1);
    } else put(prefix, value);
  };
  walk('', record, 0);
  return out;
}
