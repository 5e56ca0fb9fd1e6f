import type { Db } from '../store/database.ts';
import type { Conditions } from './conditions.ts';
import {
  attributeRowids,
  conditionSql,
  describeConditions,
  namesValues,
  noConditions,
} from './conditions.ts';
import { countOfSet } from './rows.ts';
import type { Constraints } from './constraints.ts';
import type { AskEnv, Draft } from './draft.ts';
import { capitalize, formatCount, formatMoney, plural } from './format.ts';
import { noMatch } from './no-match.ts';
import { resolveTerms } from './terms.ts';
import type { ValueMatches } from './values.ts';
import { matchValues, vocabularyOf } from './values.ts';
import type { Word } from './words.ts';
import { GRAMMAR_WORDS, QUESTION_WORDS } from './words.ts';

// "Do we have more Sony or Panasonic products?", "Are there more items for girls or boys?", "Is the
// average price higher for laptops or smartphones?": two groups of products, each counted (or averaged)
// on its own, the larger named with both figures.

export type GroupMeasure = 'count' | 'avg-price' | 'stock';

export interface GroupComparison {
  measure: GroupMeasure;
  sides: [Conditions, Conditions];
}

/** Where the question sets two groups against each other: "X or Y", "X than Y", "X vs Y". */
const CONNECTORS = new Set(['or', 'than', 'vs', 'versus']);
const MORE = /\b(?:more|fewer|less|most|bigger|larger|greater|smaller)\b/;
const AVERAGE = /\b(?:average|mean|avg|typical|typically|on average)\b/;
const PRICE_WORDS =
  /\b(?:price[sd]?|pricier|cheaper|more expensive|less expensive|costlier|higher|lower|expensive)\b/;
const STOCK_WORDS = /\b(?:stock|units|inventory|quantity|pieces)\b/;
/** Words of a side that only shape it ("more", "higher"): never a term its products' names must contain. */
const SHAPE_WORDS = new Set([
  'higher',
  'lower',
  'bigger',
  'larger',
  'greater',
  'smaller',
  'cheaper',
  'pricier',
  'expensive',
  'costlier',
  'typical',
  'typically',
]);

function measureOf(q: string): GroupMeasure | null {
  if (AVERAGE.test(q) || (PRICE_WORDS.test(q) && !STOCK_WORDS.test(q))) return 'avg-price';
  if (MORE.test(q)) return STOCK_WORDS.test(q) ? 'stock' : 'count';
  return null;
}

function sideConditions(m: ValueMatches): Conditions {
  return {
    ...noConditions(),
    categories: m.categories,
    brands: m.brands,
    seasons: m.seasons,
    seasonStrings: m.seasonStrings,
    attributes: m.attributes,
    options: m.options,
  };
}

function named(c: Conditions): boolean {
  return namesValues(c) || c.terms.length > 0;
}

/** Field by field: the one both sides name is what sets them apart; what one side names alone, both share. */
function split(left: Conditions, right: Conditions): [Conditions, Conditions] {
  const keys = ['categories', 'brands', 'attributes', 'options', 'terms'] as const;
  const both = keys.filter((k) => left[k].length && right[k].length);
  const seasons = left.seasons.length > 0 && right.seasons.length > 0;
  if (!both.length && !seasons) return [left, right];
  const out: [Conditions, Conditions] = [{ ...left }, { ...right }];
  for (const k of keys) {
    if (both.includes(k)) continue;
    const shared = [...left[k], ...right[k]];
    out[0] = { ...out[0], [k]: shared };
    out[1] = { ...out[1], [k]: shared };
  }
  if (!seasons) {
    for (const side of out) {
      side.seasons = [...left.seasons, ...right.seasons];
      side.seasonStrings = [...left.seasonStrings, ...right.seasonStrings];
    }
  }
  return out;
}

/**
 * The two groups a question compares, each read from its own side of the "or"/"than"; null when the
 * question compares no two groups of products.
 */
export function readGroupComparison(
  db: Db,
  q: string,
  typed: Word[],
  constraints: Constraints,
): GroupComparison | null {
  const measure = measureOf(q);
  if (!measure) return null;
  const at = typed.findIndex((w) => CONNECTORS.has(w.text));
  if (at <= 0 || at === typed.length - 1) return null;
  const vocabulary = vocabularyOf(db);
  const sides = [typed.slice(0, at), typed.slice(at + 1)].map((part) => {
    const values = matchValues(part, vocabulary);
    const terms = part
      .filter(
        (w, i) =>
          !values.used.has(i) &&
          !QUESTION_WORDS.has(w.text) &&
          !GRAMMAR_WORDS.has(w.text) &&
          !SHAPE_WORDS.has(w.text) &&
          !/^\d+$/.test(w.text),
      )
      .map((w) => w.text);
    return { ...sideConditions(values), terms: [...new Set(terms)] };
  });
  if (!named(sides[0]) || !named(sides[1])) return null;
  const shared = {
    comparisons: constraints.comparisons,
    stockStates: constraints.stockStates,
    onSale: constraints.onSale,
  };
  const [a, b] = split(sides[0], sides[1]);
  return {
    measure,
    sides: [
      { ...a, ...shared },
      { ...b, ...shared },
    ],
  };
}

interface SideFigures {
  label: string;
  n: number;
  priced: number;
  avgPrice: number | null;
  units: number | null;
}

function sideFigures(db: Db, conditions: Conditions): Omit<SideFigures, 'label'> {
  const where = conditionSql(conditions);
  return db
    .prepare(
      `SELECT count(*) AS n, count(p.price) AS priced, avg(p.price) AS avgPrice, sum(p.stock) AS units
       FROM products p WHERE ${where.where}`,
    )
    .get(...where.params) as Omit<SideFigures, 'label'>;
}

/** Each side measured in SQL; the answer's first line names the larger and both figures. */
export async function answerGroupComparison(env: AskEnv, ask: GroupComparison): Promise<Draft> {
  const figures: SideFigures[] = [];
  const notes: string[] = [];
  for (const side of ask.sides) {
    const resolved = resolveTerms(env.db, side.terms);
    if (resolved.unknown.length) return noMatch(env, resolved.unknown.join(' '));
    notes.push(...resolved.corrections.map((c) => `(Read “${c.from}” as “${c.to}”.)`));
    const conditions = { ...side, terms: resolved.terms };
    // A count of attribute values alone ("men or women") reads the attribute index, no product row.
    const byAttributes = ask.measure === 'count' ? attributeRowids(conditions) : null;
    const row = byAttributes
      ? { n: countOfSet(env.db, byAttributes), priced: 0, avgPrice: null, units: null }
      : sideFigures(env.db, conditions);
    figures.push({ ...row, label: `products ${describeConditions(conditions, env.currency).join(', ')}` });
  }
  const [a, b] = figures;
  const money = (n: number | null) => (n === null ? 'no price' : formatMoney(n, env.currency));
  const facts: string[] = [];
  if (ask.measure === 'count') {
    facts.push(
      a.n === b.n
        ? `As many ${a.label} as ${b.label}: ${formatCount(a.n)} each.`
        : `More ${(a.n > b.n ? a : b).label}: ${formatCount(Math.max(a.n, b.n))}, against ${formatCount(Math.min(a.n, b.n))} ${(a.n > b.n ? b : a).label}.`,
    );
  } else if (ask.measure === 'stock') {
    const [hi, lo] = (a.units ?? 0) >= (b.units ?? 0) ? [a, b] : [b, a];
    facts.push(
      `More units in stock for ${hi.label}: ${plural(hi.units ?? 0, 'unit')}, against ${plural(lo.units ?? 0, 'unit')} for ${lo.label}.`,
    );
  } else if (a.avgPrice === null || b.avgPrice === null) {
    const none = a.avgPrice === null ? a : b;
    facts.push(`No ${none.label} has a price, so their average cannot be compared.`);
  } else {
    const [hi, lo] = a.avgPrice >= b.avgPrice ? [a, b] : [b, a];
    facts.push(
      a.avgPrice === b.avgPrice
        ? `The average price is the same for ${a.label} and ${b.label}: ${money(a.avgPrice)}.`
        : `The average price is higher for ${hi.label}: ${money(hi.avgPrice)}, against ${money(lo.avgPrice)} for ${lo.label}.`,
      `(${capitalize(plural(hi.priced, 'priced product'))} against ${plural(lo.priced, 'priced product')}.)`,
    );
  }
  return {
    route: 'comparison',
    facts: [...facts, ...notes],
    products: [],
    qualifying: 0,
    listProducts: false,
  };
}
