// What counts as a missing or a thin (placeholder) value. The health pass counts with these, and the
// search filter of a coverage finding selects with the SQL below: both must agree on every product.

/** Values that fill a cell without saying anything. */
export const PLACEHOLDERS = [
  'n/a',
  'na',
  'n.a.',
  'none',
  'null',
  'nil',
  'undefined',
  '-',
  '--',
  '.',
  '?',
  'tbd',
  'tba',
  'todo',
  'unknown',
  'no description',
  'not available',
] as const;

const PLACEHOLDER_SET = new Set<string>(PLACEHOLDERS);

/** SQLite's trim() takes the characters to strip; JavaScript's trim() strips more than these. */
const TRIMMED = /^[ \t\n\r]+|[ \t\n\r]+$/g;

export type Presence = 'missing' | 'thin' | 'filled';

/** A value as SQL reads it with `CAST(x AS TEXT)`: JSON null and absence are both missing. */
export function presenceOf(value: unknown): Presence {
  if (value === null || value === undefined) return 'missing';
  const text = String(value).replace(TRIMMED, '');
  if (text === '') return 'missing';
  return PLACEHOLDER_SET.has(text.toLowerCase()) ? 'thin' : 'filled';
}

const PLACEHOLDER_SQL = PLACEHOLDERS.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ');

/** SQL true when `expr` (text or NULL) is missing, or is a placeholder. */
export function presenceSql(expr: string, presence: 'missing' | 'thin'): string {
  const text = `trim(CAST(${expr} AS TEXT), ' ' || char(9, 10, 13))`;
  return presence === 'missing'
    ? `(${expr} IS NULL OR ${text} = '')`
    : `lower(${text}) IN (${PLACEHOLDER_SQL})`;
}

/** Words of a text as a reader counts them: runs of letters or digits. */
export function wordCount(text: string | null): number {
  if (!text) return 0;
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}
