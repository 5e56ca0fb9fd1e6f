// Filters a shopper types into the query ("under $50", "in stock"). A number only becomes a price when a
// price phrase or a currency is attached to it, and never when a unit follows ("under 2 kg", "up to
// 10 hours"): numbers are also product words ("rtx 2060", "32gb", "size 10", "2 pack").
import type { Filters } from '../../../shared/types.ts';

export interface ParsedQuery {
  /** What is left to search for, trimmed. */
  text: string;
  filters: Filters;
  stockWanted: 'in' | 'out' | null;
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';
const CURRENCY_SIGN = '[$€£₹]';
const CURRENCY_PREFIX_WORD = '(?:usd|eur|gbp|inr|rs\\.?)';
const CURRENCY_WORD = '(?:dollars?|bucks|euros?|usd|eur|gbp|inr|rupees?)';
// 1,299 · 1.299 · 1,299.99 · 1.299,99 · 49.99 · 49,99 · 50
const NUMBER =
  '\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d{1,3}(?:\\.\\d{3})+(?:,\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?';
const NUMBER_END = '(?![\\p{L}\\p{N}]|[.,]\\d)';
// prettier-ignore
const UNIT_WORDS = [
  'mm', 'cm', 'm', 'km', 'inch', 'inches', 'ft', 'feet', 'foot', 'yards?',
  'kg', 'kgs', 'g', 'grams?', 'lbs?', 'pounds?', 'oz', 'ml', 'l', 'lit(?:er|re)s?',
  'w', 'watts?', 'kw', 'v', 'volts?', 'mah', 'ah', 'wh', 'hz', 'khz', 'mhz', 'ghz', 'rpm', 'db', 'fps',
  'kb', 'mb', 'gb', 'tb', 'mp', 'megapixels?', 'px', 'pixels?', 'bits?',
  'hours?', 'hrs?', 'h', 'minutes?', 'mins?', 'seconds?', 'secs?', 'days?', 'weeks?', 'months?', 'years?', 'yrs?',
  'packs?', 'pcs', 'pieces?', 'pc', 'items?', 'units?', 'count', 'ct', 'sets?', 'pairs?',
  'people', 'persons?', 'players?', 'seats?', 'ports?', 'cores?', 'stars?', 'cups?', 'slices?', 'speeds?',
  'x', 'sq', 'degrees?',
];
const NOT_A_UNIT_AFTER = `(?!\\s*(?:(?:${UNIT_WORDS.join('|')})${WORD_END}|[%"'°″]))`;

/** An amount: optional currency before, the number, optional currency after. Groups: sign, number, sign. */
function amount(): string {
  return (
    `(?:(${CURRENCY_SIGN}|${WORD_START}${CURRENCY_PREFIX_WORD})\\s?)?` +
    `(${NUMBER})${NUMBER_END}` +
    `(?:\\s?(${CURRENCY_SIGN}|${WORD_START}${CURRENCY_WORD}${WORD_END}))?` +
    NOT_A_UNIT_AFTER
  );
}

/** A phrase of words (matched whole) or of symbols ("<=", which have no word boundary). */
function phrase(words: string[], symbols: string[] = []): string {
  const spaced = words.map((w) => w.replace(/ /g, '\\s+'));
  const alternatives = [`${WORD_START}(?:${spaced.join('|')})${WORD_END}`, ...symbols];
  return `(?:${alternatives.join('|')})`;
}

interface Amount {
  value: number;
  hasCurrency: boolean;
}

function parseNumber(raw: string): number {
  const grouped = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:[.,](\d{1,2}))?$/.exec(raw);
  if (grouped) {
    const digits = raw.slice(0, grouped[2] === undefined ? raw.length : -(grouped[2].length + 1));
    return Number(digits.replace(/[.,]/g, '') + (grouped[2] === undefined ? '' : `.${grouped[2]}`));
  }
  return Number(raw.replace(',', '.'));
}

/** Reads the amounts captured by `amount()` patterns, three groups each, from the given group on. */
function amountAt(match: RegExpExecArray, firstGroup: number): Amount {
  return {
    value: parseNumber(match[firstGroup + 1]),
    hasCurrency: match[firstGroup] !== undefined || match[firstGroup + 2] !== undefined,
  };
}

// "max"/"min" before a bare number are filters only where no product name can be going on: "max 50",
// "price max 50", but not "nike air max 90" or "iphone 14 pro max 128".
const PRICE_CONTEXT_BEFORE = new RegExp(
  `(?:^|[,;:(]|${WORD_START}(?:price|prices|priced|budget|cost|costs|costing|for|and|with))\\s*$`,
  'iu',
);
const inPriceContext = (match: RegExpExecArray): boolean =>
  PRICE_CONTEXT_BEFORE.test(match.input.slice(0, match.index));

type Effect = { priceMin?: number; priceMax?: number; stock?: 'in' | 'out' };

interface Rule {
  pattern: RegExp;
  /** The filter a match means, or null when the match is not one after all. */
  effect(match: RegExpExecArray): Effect | null;
}

const rule = (source: string, effect: Rule['effect']): Rule => ({
  pattern: new RegExp(source, 'giu'),
  effect,
});

function range(low: Amount, high: Amount): Effect {
  return { priceMin: Math.min(low.value, high.value), priceMax: Math.max(low.value, high.value) };
}

// prettier-ignore
const MAX_WORDS = [
  'less than or equal to', 'no more than', 'not more than', 'not over', 'not above', 'less than', 'lower than',
  'cheaper than', 'under', 'below', 'beneath', 'up to', 'upto', 'at most', 'within',
];
// prettier-ignore
const MIN_WORDS = [
  'more than or equal to', 'no less than', 'not less than', 'not under', 'not below', 'more than',
  'greater than', 'higher than', 'pricier than', 'over', 'above', 'at least',
];
// After a price, these need a currency: "$50 or less" is a price, "4 or more" may be anything.
// prettier-ignore
const MAX_AFTER_WORDS = [
  'or less', 'or under', 'or below', 'or cheaper', 'and under', 'and below', 'and less', 'maximum', 'max', 'tops',
];
// prettier-ignore
const MIN_AFTER_WORDS = [
  'or more', 'or over', 'or above', 'or higher', 'and over', 'and above', 'and up', 'minimum', 'min',
];
// prettier-ignore
const OUT_OF_STOCK_WORDS = [
  'out of stock', 'out-of-stock', 'sold out', 'sold-out', 'not in stock', 'not available', 'unavailable',
  'no stock', 'no longer available',
];
const IN_STOCK_WORDS = [
  'in stock',
  'in-stock',
  'instock',
  'currently available',
  'available now',
  'available',
];
const NEGATED_MIN_WORDS = ['no less than', 'not less than', 'not under', 'not below'];
const GAP = '\\s*';

// Order matters: an earlier rule claims its text first, so "no less than 50" is read whole before
// "less than 50" could be, and "between 20 and 40" before "40" could be read as anything else.
const RULES: Rule[] = [
  rule(`${phrase(['between'])}${GAP}${amount()}\\s+(?:and|&)\\s+${amount()}`, (m) =>
    range(amountAt(m, 1), amountAt(m, 4)),
  ),
  rule(`${phrase(['from'])}${GAP}${amount()}\\s*(?:to|-|–|until)\\s*${amount()}`, (m) =>
    range(amountAt(m, 1), amountAt(m, 4)),
  ),
  rule(`${WORD_START}${amount()}\\s*(?:to|-|–)\\s*${amount()}`, (m) => {
    const [low, high] = [amountAt(m, 1), amountAt(m, 4)];
    return low.hasCurrency || high.hasCurrency ? range(low, high) : null;
  }),
  rule(`${phrase(NEGATED_MIN_WORDS)}${GAP}${amount()}`, (m) => ({ priceMin: amountAt(m, 1).value })),
  rule(`${phrase(MAX_WORDS, ['<=?', '≤'])}${GAP}${amount()}`, (m) => ({ priceMax: amountAt(m, 1).value })),
  rule(`${phrase(MIN_WORDS, ['>=?', '≥'])}${GAP}${amount()}`, (m) => ({ priceMin: amountAt(m, 1).value })),
  rule(`${phrase(['maximum', 'max'])}\\.?${GAP}${amount()}`, (m) =>
    amountAt(m, 1).hasCurrency || inPriceContext(m) ? { priceMax: amountAt(m, 1).value } : null,
  ),
  rule(`${phrase(['minimum', 'min'])}\\.?${GAP}${amount()}`, (m) =>
    amountAt(m, 1).hasCurrency || inPriceContext(m) ? { priceMin: amountAt(m, 1).value } : null,
  ),
  rule(`${phrase(['from', 'starting at', 'starting from'])}${GAP}${amount()}`, (m) => {
    const found = amountAt(m, 1);
    return found.hasCurrency ? { priceMin: found.value } : null;
  }),
  rule(`${WORD_START}${amount()}\\s*${phrase(MAX_AFTER_WORDS)}`, (m) =>
    amountAt(m, 1).hasCurrency ? { priceMax: amountAt(m, 1).value } : null,
  ),
  rule(`${WORD_START}${amount()}\\s*(?:${phrase(MIN_AFTER_WORDS)}|\\+)`, (m) =>
    amountAt(m, 1).hasCurrency ? { priceMin: amountAt(m, 1).value } : null,
  ),
  rule(phrase(OUT_OF_STOCK_WORDS), () => ({ stock: 'out' })),
  rule(phrase(IN_STOCK_WORDS), () => ({ stock: 'in' })),
];

// Words that only tie a filter to the rest of the query ("headphones that are in stock", "cases for under
// $20") go with the filter; left behind they would be searched for.
// prettier-ignore
const CONNECTORS_BEFORE = new Set([
  'for', 'priced', 'price', 'prices', 'costing', 'cost', 'costs', 'at', 'that', 'which', 'are', 'is', 'and',
  'with', 'a', 'of', 'only', 'all', 'currently', ',', ';', ':',
]);
const CONNECTORS_AFTER = new Set(['only', 'now', 'please', ',', ';']);
const LAST_WORD = /(?<![\p{L}\p{N}])(\p{L}+|[,;:])\s*$/u;
const FIRST_WORD = /^\s*(\p{L}+|[,;:])(?![\p{L}\p{N}])/u;
const EDGE_JUNK = /^[\s,;:\-–]+|[\s,;:\-–]+$/g;

interface Span {
  start: number;
  end: number;
}

function widen(text: string, span: Span): Span {
  let { start, end } = span;
  for (let m = LAST_WORD.exec(text.slice(0, start)); m; m = LAST_WORD.exec(text.slice(0, start))) {
    if (!CONNECTORS_BEFORE.has(m[1].toLowerCase())) break;
    start = m.index;
  }
  for (let m = FIRST_WORD.exec(text.slice(end)); m; m = FIRST_WORD.exec(text.slice(end))) {
    if (!CONNECTORS_AFTER.has(m[1].toLowerCase())) break;
    end += m[0].length;
  }
  return { start, end };
}

export function parseQuery(query: string): ParsedQuery {
  const claimed: Span[] = [];
  const filters: Filters = {};
  let stockWanted: ParsedQuery['stockWanted'] = null;
  const overlaps = (span: Span) => claimed.some((c) => span.start < c.end && c.start < span.end);

  for (const { pattern, effect } of RULES) {
    for (const match of query.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (overlaps(span)) continue;
      const found = effect(match as RegExpExecArray);
      if (!found) continue;
      claimed.push(span);
      // Several bounds of one kind: the tightest wins.
      if (found.priceMin !== undefined)
        filters.priceMin = Math.max(found.priceMin, filters.priceMin ?? -Infinity);
      if (found.priceMax !== undefined)
        filters.priceMax = Math.min(found.priceMax, filters.priceMax ?? Infinity);
      if (found.stock) stockWanted = found.stock;
    }
  }
  if (stockWanted === 'in') filters.inStock = true;
  if (stockWanted === 'out') filters.inStock = false;
  if (claimed.length === 0) return { text: query.trim(), filters, stockWanted };

  const removed = claimed.map((span) => widen(query, span)).sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  for (const span of removed) {
    if (span.start > at) text += `${query.slice(at, span.start)} `;
    at = Math.max(at, span.end);
  }
  text += query.slice(at);
  return { text: text.replace(/\s+/g, ' ').replace(EDGE_JUNK, ''), filters, stockWanted };
}
