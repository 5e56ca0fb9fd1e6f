import type { StockState } from '../../../shared/types.ts';
import { currencyCode } from '../catalog/currency.ts';

export type CompareOp = '<' | '<=' | '>' | '>=' | '=';

export interface Comparison {
  field: 'price' | 'stock';
  op: CompareOp;
  value: number;
}

export interface Constraints {
  comparisons: Comparison[];
  /** Stock states that have no quantity: preorder, backorder. (In and out of stock are comparisons.) */
  stockStates: StockState[];
  /** "On sale": the compare-at price is above the price. */
  onSale: boolean;
  /** The question with the constraint phrases taken out. */
  rest: string;
}

/** "Running low" has no number in it; this is the threshold the answer states it used. */
export const LOW_STOCK = 2;

const NUM = String.raw`(?:(\$|€|£|¥|₹)\s*)?(\d+(?:[.,]\d+)?)(k)?(?:\s*(usd|eur|gbp|dollars?|euros?|bucks|pounds))?`;
const STOCK_AFTER = String.raw`(?:\s+(?:units?|pieces?|pcs|items?|pairs?))?(?:\s+(?:left|in stock|in inventory|on hand|available|remaining))?`;
const FIELD_BEFORE =
  /\b(price|priced|cost|costs|costing|budget|stock|inventory|quantity|units)\b[^.?!]{0,20}$/;
const STOCK_TAIL = new RegExp(`${STOCK_AFTER}$`, 'u');
const STOCK_BEFORE = /\b(stock|inventory|quantity|units|qty)\b[^.?!]{0,20}$/;

const OPS: [RegExp, CompareOp][] = [
  [/^(?:less than|fewer than|under|below|lower than|cheaper than|beneath|<)$/, '<'],
  [/^(?:at most|up to|no more than|not more than|max(?:imum)?(?: of)?|<=)$/, '<='],
  [/^(?:more than|over|above|greater than|higher than|pricier than|>)$/, '>'],
  [/^(?:at least|no less than|min(?:imum)?(?: of)?|>=)$/, '>='],
  [/^(?:exactly|=)$/, '='],
];
const OP_WORDS =
  'less than|fewer than|under|below|lower than|cheaper than|beneath|at most|up to|no more than|not more than|maximum of|max of|more than|over|above|greater than|higher than|pricier than|at least|no less than|minimum of|min of|exactly|<=|>=|<|>|=';

const BETWEEN = new RegExp(
  String.raw`\b(?:between|from)\s+${NUM}\s+(?:and|to|-)\s+${NUM}${STOCK_AFTER}`,
  'giu',
);
const RANGE = new RegExp(String.raw`(?<![\p{L}\d])${NUM}\s*(?:-|–|to)\s*${NUM}${STOCK_AFTER}`, 'giu');
const COMPARE = new RegExp(String.raw`(?<![\p{L}])(${OP_WORDS})\s*${NUM}${STOCK_AFTER}`, 'giu');
const POSTFIX = new RegExp(
  String.raw`(?<![\p{L}\d])${NUM}${STOCK_AFTER}\s+or\s+(less|fewer|under|below|more|over|above)\b`,
  'giu',
);

const OUT_OF_STOCK =
  /\b(?:out of stock|sold out|unavailable|not in stock|not available|no stock|zero stock)\b/giu;
const LOW =
  /\b(?:low (?:on )?stock|running low|low inventory|almost sold out|nearly sold out|almost out of stock)\b/giu;
const IN_STOCK = /\b(?:in stock|available|on hand)\b/giu;
const STATES: [RegExp, StockState][] = [
  [/\b(?:(?:on |available (?:for|on) )?pre-?orders?(?:ed|able)?)\b/giu, 'preorder'],
  [/\b(?:(?:on |available (?:for|on) )?back-?orders?(?:ed)?)\b/giu, 'backorder'],
];
const ON_SALE = /\b(?:on sale|discounted|marked down|on special|on promotion)\b/giu;

function amount(digits: string, k: string | undefined): number {
  const n = Number(digits.replace(',', '.'));
  return k ? n * 1000 : n;
}

function isMoney(symbol: string | undefined, word: string | undefined): boolean {
  return Boolean(symbol || (word && (currencyCode(word) || /dollar|euro|buck|pound/.test(word))));
}

/** Which number a phrase constrains: money words and symbols mean price, stock words mean stock. */
function fieldOf(
  text: string,
  at: number,
  phrase: string,
  money: boolean,
  opWord: string,
): Comparison['field'] {
  if (money) return 'price';
  if (
    /\b(units?|pieces?|pcs|items?|pairs?|left|in stock|in inventory|on hand|available|remaining)\s*$/.test(
      phrase,
    )
  ) {
    return 'stock';
  }
  if (opWord === 'fewer than') return 'stock';
  return STOCK_BEFORE.test(text.slice(0, at)) ? 'stock' : 'price';
}

/**
 * Reads the numeric and stock constraints of a question ("under $50", "fewer than 3 in stock",
 * "between 20 and 40", "out of stock") and returns them with the rest of the question.
 */
export function parseConstraints(question: string): Constraints {
  let text = question.toLowerCase();
  const comparisons: Comparison[] = [];
  // A price phrase leaves a following "in stock" to be read on its own.
  const cut = (m: RegExpExecArray, field: Comparison['field'] = 'stock') => {
    const length = field === 'price' ? m[0].length - (STOCK_TAIL.exec(m[0])?.[0].length ?? 0) : m[0].length;
    text = `${text.slice(0, m.index)}${' '.repeat(length)}${text.slice(m.index + length)}`;
  };

  for (const pattern of [BETWEEN, RANGE]) {
    for (const m of [...text.matchAll(pattern)]) {
      const money = isMoney(m[1], m[4]) || isMoney(m[5], m[8]);
      // A bare "89-01" may be part of a product code; a range needs money or a field named before it.
      if (pattern === RANGE && !money && !FIELD_BEFORE.test(text.slice(0, m.index))) continue;
      const field = fieldOf(text, m.index, m[0], money, '');
      comparisons.push(
        { field, op: '>=', value: amount(m[2], m[3]) },
        { field, op: '<=', value: amount(m[6], m[7]) },
      );
      cut(m as RegExpExecArray, field);
    }
  }
  for (const m of [...text.matchAll(COMPARE)]) {
    const op = OPS.find(([re]) => re.test(m[1]))?.[1];
    if (!op) continue;
    const field = fieldOf(text, m.index, m[0], isMoney(m[2], m[5]), m[1]);
    comparisons.push({ field, op, value: amount(m[3], m[4]) });
    cut(m as RegExpExecArray, field);
  }
  for (const m of [...text.matchAll(POSTFIX)]) {
    const field = fieldOf(text, m.index, m[0].replace(/\s+or\s+\w+$/, ''), isMoney(m[1], m[4]), '');
    const op: CompareOp = /less|fewer|under|below/.test(m[5]) ? '<=' : '>=';
    comparisons.push({ field, op, value: amount(m[2], m[3]) });
    cut(m as RegExpExecArray);
  }
  for (const m of [...text.matchAll(OUT_OF_STOCK)]) {
    comparisons.push({ field: 'stock', op: '<=', value: 0 });
    cut(m);
  }
  for (const m of [...text.matchAll(LOW)]) {
    comparisons.push({ field: 'stock', op: '<=', value: LOW_STOCK });
    cut(m);
  }
  const stockStates: StockState[] = [];
  for (const [pattern, state] of STATES) {
    for (const m of [...text.matchAll(pattern)]) {
      if (!stockStates.includes(state)) stockStates.push(state);
      cut(m);
    }
  }
  let onSale = false;
  for (const m of [...text.matchAll(ON_SALE)]) {
    onSale = true;
    cut(m);
  }
  // "Available for preorder" names a state, not stock on hand.
  if (!comparisons.some((c) => c.field === 'stock') && !stockStates.length) {
    for (const m of [...text.matchAll(IN_STOCK)]) {
      comparisons.push({ field: 'stock', op: '>', value: 0 });
      cut(m);
      break;
    }
  }
  return { comparisons, stockStates, onSale, rest: text.replace(/\s+/g, ' ').trim() };
}
