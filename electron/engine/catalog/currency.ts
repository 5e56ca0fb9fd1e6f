/** Symbols and local abbreviations that name one currency unambiguously enough for a catalog. */
const SYMBOLS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  円: 'JPY',
  元: 'CNY',
  '₹': 'INR',
  rs: 'INR',
  'rs.': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
  '₫': 'VND',
  '₱': 'PHP',
  '฿': 'THB',
  '₴': 'UAH',
  '₦': 'NGN',
  zł: 'PLN',
  r$: 'BRL',
  a$: 'AUD',
  au$: 'AUD',
  c$: 'CAD',
  ca$: 'CAD',
  nz$: 'NZD',
  hk$: 'HKD',
  s$: 'SGD',
  'fr.': 'CHF',
};

const ISO_CODES = new Set(Intl.supportedValuesOf('currency'));

/** The ISO 4217 code for a currency symbol, abbreviation or code (any case); null when not one. */
export function currencyCode(token: string): string | null {
  const t = token.trim();
  if (!t) return null;
  const upper = t.toUpperCase();
  if (upper.length === 3 && ISO_CODES.has(upper)) return upper;
  return SYMBOLS[t.toLowerCase()] ?? null;
}

/** Currency tokens that can prefix or suffix an amount, longest first so `US$` wins over `$`. */
export const CURRENCY_TOKEN = new RegExp(
  `(${[...Object.keys(SYMBOLS)]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')}|[A-Za-z]{3})`,
  'u',
);
