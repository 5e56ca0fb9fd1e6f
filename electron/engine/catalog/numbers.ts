import { CURRENCY_TOKEN, currencyCode } from './currency.ts';

/** Placeholders that mean "no value" in exported spreadsheets. */
const BLANKS = new Set(['', '-', '–', '—', 'n/a', 'na', 'null', 'none', 'nan', '#n/a']);

function isBlank(raw: unknown): boolean {
  return (
    raw === null || raw === undefined || (typeof raw === 'string' && BLANKS.has(raw.trim().toLowerCase()))
  );
}

/**
 * Reads a number written with any common grouping and decimal convention: `1,299.00`, `1.299,00`,
 * `1 299,5`, `1'299`, `12.5`. When both `,` and `.` occur the last one is the decimal mark; a
 * separator that repeats is grouping; a single one followed by exactly three digits (after a
 * non-zero whole part of at most three digits) is grouping too — catalogs write `1,299` and `1.299`
 * for thousands far more often than prices or counts with three decimals.
 */
function parseLocaleNumber(text: string): number | null {
  const m = /^([+-]?)(\d[\d,.'\u00a0\u202f ]*)$/.exec(text.trim());
  if (!m) return null;
  const body = m[2].replace(/['\u00a0\u202f ]/g, '');
  if (!/\d$/.test(body)) return null;
  const lastComma = body.lastIndexOf(',');
  const lastDot = body.lastIndexOf('.');
  let decimal: string | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const single = body.indexOf(sep) === body.lastIndexOf(sep);
    const thousands = /^[1-9]\d{0,2}[,.]\d{3}$/.test(body);
    if (single && !thousands) decimal = sep;
  }
  const group = decimal ? (decimal === ',' ? '.' : ',') : lastDot >= 0 ? '.' : ',';
  const parts = decimal ? body.split(decimal) : [body];
  if (parts.length > 2 || (parts[1] ?? '').search(/\D/) >= 0) return null;
  let whole = parts[0];
  if (whole.includes(group)) {
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return null;
    whole = whole.replaceAll(group, '');
  }
  if (/\D/.test(whole)) return null;
  const n = Number(parts.length === 2 ? `${whole}.${parts[1]}` : whole);
  return Number.isFinite(n) ? (m[1] === '-' ? -n : n) : null;
}

const PREFIX = new RegExp(`^${CURRENCY_TOKEN.source}\\s*`, 'iu');
const SUFFIX = new RegExp(`\\s*${CURRENCY_TOKEN.source}$`, 'iu');

/**
 * A price as written in a catalog: `$1,299.00`, `1.299,00 €`, `12.5`, `EUR 12,50`, `£5`, `₹1,499`.
 * Returns null for no value, 'invalid' for text that is not a price.
 */
export function parsePrice(raw: unknown): { amount: number; currency: string | null } | null | 'invalid' {
  if (isBlank(raw)) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? { amount: raw, currency: null } : 'invalid';
  if (typeof raw !== 'string') return 'invalid';
  let text = raw.trim();
  let currency: string | null = null;
  const sign = /^-/.test(text) ? '-' : '';
  text = text.replace(/^-\s*/, '');
  for (const re of [PREFIX, SUFFIX]) {
    const m = re.exec(text);
    const code = m ? currencyCode(m[1]) : null;
    if (m && code) {
      if (currency && currency !== code) return 'invalid';
      currency = code;
      text = text.slice(0, m.index) + text.slice(m.index + m[0].length);
    }
  }
  const amount = parseLocaleNumber(sign + text.trim());
  return amount === null ? 'invalid' : { amount, currency };
}

/** A stock count: `12`, `12.0`, `1,200`, `1.200`; null for no value, 'invalid' for anything else. */
export function parseStock(raw: unknown): number | null | 'invalid' {
  if (isBlank(raw)) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : 'invalid';
  if (typeof raw !== 'string') return 'invalid';
  const n = parseLocaleNumber(raw);
  return n !== null && Number.isSafeInteger(n) ? n : 'invalid';
}
