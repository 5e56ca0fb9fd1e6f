import type { Db } from '../store/database.ts';
import type { ProductRow } from '../store/products.ts';
import type { GroupComparison } from './compare-groups.ts';
import { readGroupComparison } from './compare-groups.ts';
import type { Conditions } from './conditions.ts';
import { namesValues } from './conditions.ts';
import { parseConstraints } from './constraints.ts';
import type { CatalogField } from './fields.ts';
import { readGroupBy } from './group.ts';
import type { PresenceAsk } from './missing.ts';
import { readPresence } from './missing.ts';
import { unknownOptionValue } from './options.ts';
import type { ProductNoun } from './noun.ts';
import { readProductNoun } from './noun.ts';
import type { References } from './refs.ts';
import { findReferences } from './refs.ts';
import { readsAsForeign } from './language.ts';
import type { Alternative } from './reading.ts';
import { otherReadings } from './rephrase.ts';
import { readUnknownField } from './unknown-field.ts';
import { readVariantQuestion, VARIANT_WORDS } from './variant-question.ts';
import type { VariantAsk } from './variant-question.ts';
import type { Displaced, ValueMatches } from './values.ts';
import { matchValues, vocabularyOf } from './values.ts';
import type { Word } from './words.ts';
import { GRAMMAR_WORDS, QUESTION_WORDS, words } from './words.ts';

export type Metric = 'price' | 'stock';

export type AggregateOp =
  | { kind: 'count' | 'list' }
  | { kind: 'sum'; of: 'stock' | 'value' }
  | { kind: 'avg' | 'min' | 'max' | 'range'; of: Metric }
  | { kind: 'distinct'; of: 'category' | 'brand' | 'season' }
  /** Variant rows, not products: "how many variants are there?" */
  | { kind: 'variants' }
  /** The values of one option with the products offering each; `unknownValue` was asked and is none. */
  | { kind: 'option-values'; name: string; unknownValue: string | null }
  /** Products with (or without) a value for one field: "products without images". */
  | ({ kind: 'presence' } & PresenceAsk)
  /** Products counted per value of one field: "how many products per season?". */
  | { kind: 'group'; field: CatalogField };

export interface Order {
  by: Metric | 'added';
  descending: boolean;
}

export type LookupField = 'price' | 'stock' | 'season' | 'category' | 'brand' | 'description';

export type Plan =
  | { route: 'comparison'; products: ProductRow[]; text: string }
  | { route: 'lookup'; products: ProductRow[]; wants: LookupField[]; conditions: Conditions }
  | { route: 'variants'; products: ProductRow[]; ask: VariantAsk }
  | { route: 'aggregate'; op: AggregateOp; conditions: Conditions }
  | { route: 'superlative'; order: Order; count: number; conditions: Conditions; text: string }
  | { route: 'descriptive'; conditions: Conditions; text: string; noun: ProductNoun | null }
  | { route: 'compare-groups'; ask: GroupComparison }
  /** A field the catalog does not have ("how many products have a warranty?"). */
  | { route: 'unknown-field'; name: string }
  /** A question in another language than the one the grammar reads. */
  | { route: 'foreign' }
  | { route: 'unknown-id'; codes: string[]; text: string };

const COMPARE = /\b(compare|comparison|comparing|difference|differences|differ|vs|versus|better|or)\b/;
// "How many categories…", "which brand has the most…"; not "how many products in the Bags category".
const DISTINCT =
  /\b(?:how many|number of|which|what|list)\s+(?:(?:the|different|distinct|unique|separate|of the|all)\s+)*(categor(?:y|ies)|brands?|seasons)\b/;
const SUPERLATIVES: [RegExp, Order][] = [
  [
    /\b(least expensive|lowest[- ]price[ds]?|cheapest|most affordable|lowest cost)\b/,
    { by: 'price', descending: false },
  ],
  [
    /\b(most expensive|priciest|highest[- ]price[ds]?|costliest|most costly)\b/,
    { by: 'price', descending: true },
  ],
  [
    /\b(least|fewest|lowest|smallest)\s+(?:units\s+)?(?:in\s+)?(stock|units|inventory|quantity)\b/,
    { by: 'stock', descending: false },
  ],
  [
    /\b(most|highest|largest|biggest)\s+(?:units\s+)?(?:in\s+)?(stock|units|inventory|quantity)\b|\bbest[- ]stocked\b/,
    { by: 'stock', descending: true },
  ],
  [
    /\b(newest|latest|most recent(?:ly added)?|recently added|last added)\b(?!\s+(?:collection|season|trend|news|posts?|emails?))/,
    { by: 'added', descending: true },
  ],
];
const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  ten: 10,
};
const TOP_N =
  /\b(?:top|the)\s+(\d+|two|three|four|five|six|seven|eight|ten)\b|\b(\d+|two|three|four|five|six|seven|eight|ten)\s+(?:cheapest|least expensive|most|priciest|newest|highest|lowest)\b/;
const VERB_SUIT = /\b(would|will|could|might|to|best|that|which|it|they)\s+suits?\b/gi;
const LIST_START = /^(which|what|list|show|name|give|find|are there|do you have|any|products|items)\b/;
const COUNTING = /\b(?:how many|number of|count)\b/;

function aggregateOp(q: string): AggregateOp | null {
  if (VARIANT_WORDS.test(q) && (COUNTING.test(q) || /\b(?:total|in all)\b/.test(q)))
    return { kind: 'variants' };
  const distinct = DISTINCT.exec(q);
  if (distinct && !/\bin (?:the |this )?categor/.test(q.slice(0, distinct.index + distinct[0].length))) {
    const of = distinct[1].startsWith('categor')
      ? 'category'
      : distinct[1].startsWith('brand')
        ? 'brand'
        : 'season';
    return { kind: 'distinct', of };
  }
  const stockWords = /\b(stock|units|inventory|quantity|quantities|pieces)\b/.test(q);
  if (/\b(average|mean|avg)\b/.test(q))
    return { kind: 'avg', of: stockWords && !/\bprice/.test(q) ? 'stock' : 'price' };
  if (/\bprice range\b|\brange of prices\b|\bprices range\b/.test(q)) return { kind: 'range', of: 'price' };
  if (/\b(minimum|min)\b/.test(q))
    return { kind: 'min', of: stockWords && !/\bprice/.test(q) ? 'stock' : 'price' };
  if (/\b(maximum|max)\b/.test(q))
    return { kind: 'max', of: stockWords && !/\bprice/.test(q) ? 'stock' : 'price' };
  if (/\b(value|worth)\b/.test(q) && /\b(stock|inventory|total|overall|combined)\b/.test(q))
    return { kind: 'sum', of: 'value' };
  if (
    /\b(total|sum)\b.*\b(stock|units|inventory|quantity|pieces)\b|\b(stock|units|inventory|pieces)\b.*\b(in total|altogether|combined|total)\b/.test(
      q,
    ) ||
    /\bhow many (units|pieces|pairs|items in stock)\b|\bhow much (stock|inventory)\b/.test(q)
  ) {
    return { kind: 'sum', of: 'stock' };
  }
  if (COUNTING.test(q)) return { kind: 'count' };
  return null;
}

function superlative(q: string): { order: Order; count: number } | null {
  const hit = SUPERLATIVES.find(([re]) => re.test(q));
  if (!hit) return null;
  const n = TOP_N.exec(q);
  const raw = n ? (n[1] ?? n[2]) : '1';
  return { order: hit[1], count: Math.max(1, Math.min(20, NUMBER_WORDS[raw] ?? Number(raw))) };
}

function lookupWants(q: string): LookupField[] {
  const wants: LookupField[] = [];
  if (/\b(cost|costs|price|priced|how much|expensive|cheap|pay)\b/.test(q)) wants.push('price');
  if (
    /\b(in stock|stock|available|availability|how many|left|sold out|inventory|have any|still have)\b/.test(q)
  )
    wants.push('stock');
  if (/\b(season|seasons|spring|summer|fall|autumn|winter|all year|year round)\b/.test(q))
    wants.push('season');
  if (/\b(category|categories)\b/.test(q)) wants.push('category');
  if (/\b(brand|made by|who makes)\b/.test(q)) wants.push('brand');
  if (
    !wants.length ||
    /\b(made of|material|fabric|describe|description|tell me|details?|quality|warm|fit|style|inspired|pockets?|features?|good for|suitable|use|wear|what is|what's)\b/.test(
      q,
    )
  ) {
    wants.push('description');
  }
  return wants;
}

/**
 * Reads a question into a plan: which route answers it, and with what conditions; with the other
 * readings an ambiguous question allows, each as a question that asks for it.
 */
export function planQuestion(db: Db, question: string): { plan: Plan; alternatives: Alternative[] } {
  const setAside: Displaced[] = [];
  const plan = readPlan(db, question, setAside);
  return { plan, alternatives: otherReadings(db, question, plan, setAside) };
}

function readPlan(db: Db, question: string, setAside: Displaced[]): Plan {
  // "What would suit a beach holiday?" asks for a fit, not for suits.
  const asked = question.replace(VERB_SUIT, '$1').toLowerCase().replace(/\s+/g, ' ').trim();
  // "Products without images": the field is what is asked about, not a word products contain.
  const presence = readPresence(db, asked);
  // "Which brand has the most products?" lists brands as it always has; other fields are grouped here.
  const group = presence || aggregateOp(asked)?.kind === 'distinct' ? null : readGroupBy(db, asked);
  const q = presence?.rest ?? group?.rest ?? asked;
  const constraints = parseConstraints(q);
  // 'Products named "warranty"': quoted words are words of names, never catalog values.
  const quotes = quotedWords(constraints.rest);
  const typed = words(quotes.rest);
  const values = matchValues(typed, vocabularyOf(db));
  setAside.push(...values.displaced);
  const named = valueWords(typed, values);
  // Bare numbers left over are counts ("3 cheapest") or parts of codes, never words products contain;
  // a value named twice ("Puma shoes by Puma") is still a value, not also a word names must contain.
  const residual = [
    ...typed.filter(
      (w, i) =>
        !values.used.has(i) &&
        !named.has(w.text) &&
        !QUESTION_WORDS.has(w.text) &&
        !GRAMMAR_WORDS.has(w.text) &&
        !/^\d+$/.test(w.text) &&
        !(w.text in NUMBER_WORDS),
    ),
    ...quotes.words,
  ];
  const conditions: Conditions = {
    categories: values.categories,
    brands: values.brands,
    seasons: values.seasons,
    seasonStrings: values.seasonStrings,
    attributes: values.attributes,
    comparisons: constraints.comparisons,
    options: values.options,
    stockStates: constraints.stockStates,
    onSale: constraints.onSale,
    terms: [],
  };
  const fieldOp: AggregateOp | null = presence
    ? { kind: 'presence', field: presence.field, present: presence.present }
    : group && { kind: 'group', field: group.field };
  if (fieldOp) {
    return { route: 'aggregate', op: fieldOp, conditions: { ...conditions, terms: residualTerms(residual) } };
  }
  const unknownField = readUnknownField(db, quotes.rest, named, COUNTING.test(q));
  if (unknownField) return { route: 'unknown-field', name: unknownField };
  const refs = kindsNotNames(findReferences(db, question), typed, named);
  const byId = refs.products.filter((p) => refs.by.get(p.id) === 'id');
  const comparison = byId.length ? null : readGroupComparison(db, constraints.rest, typed, constraints);
  // "Is the Hoodie cheaper than the Beanie?" compares two products; "…on average" compares groups.
  if (
    comparison &&
    (comparison.measure !== 'avg-price' || !refs.products.length || /\baverage|mean\b/.test(q))
  )
    return { route: 'compare-groups', ask: comparison };
  const op = aggregateOp(q);
  const sup = superlative(q);

  const namedOne = refs.products.length > 0 && refs.products.every((p) => words(p.name).length >= 2);
  // "How many hoodies come in blue?" counts hoodies; "…the Hoodie Pro…", "…variants of the Hoodie" ask
  // about that product.
  const aboutNamed = byId.length > 0 || namedOne || VARIANT_WORDS.test(q) || (!op && !sup);
  if (refs.products.length && aboutNamed) {
    const ask = readVariantQuestion(db, q, typed, refs.products, constraints, {
      counting: op?.kind === 'count' || op?.kind === 'variants',
      order: sup?.order ?? null,
    });
    if (ask) return { route: 'variants', products: refs.products, ask };
  }
  const optionOp = optionValuesOp(db, q, values.optionNames, values.options.length > 0, residual.length);
  if (optionOp && !refs.products.length) return { route: 'aggregate', op: optionOp, conditions };

  if (byId.length) return referencePlan(refs.products, q, conditions, residual);
  if (refs.unknownIds.length) return { route: 'unknown-id', codes: refs.unknownIds, text: text(residual) };
  if (!refs.products.length && readsAsForeign(db, typed, residual)) return { route: 'foreign' };
  if (op && !(op.kind === 'count' && namedOne)) {
    return { route: 'aggregate', op, conditions: { ...conditions, terms: residualTerms(residual) } };
  }
  if (sup) return { route: 'superlative', ...sup, conditions, text: text(residual) };
  if (refs.products.length) return referencePlan(refs.products, q, conditions, residual);
  if (LIST_START.test(q) && residual.length === 0 && hasConditions(conditions)) {
    return { route: 'aggregate', op: { kind: 'list' }, conditions };
  }
  return {
    route: 'descriptive',
    conditions,
    text: text(residual) || constraints.rest,
    noun: readProductNoun(db, q, residual),
  };
}

/**
 * "Which hoodies have a pocket?" asks about hoodies, not the product named "Hoodie"; "which sunglasses…"
 * about the Sunglasses category, not the product of that name: a one-word name typed only in another
 * form (a plural), or naming a catalog value without "the", names a kind of product.
 */
const DEFINITE = new Set(['the', 'this', 'that', 'your', 'our']);

function kindsNotNames(refs: References, typed: Word[], valueWords: Set<string>): References {
  const kept = refs.products.filter((p) => {
    const name = words(p.name);
    if (refs.by.get(p.id) !== 'name' || name.length !== 1) return true;
    const at = typed.findIndex((w) => w.text === name[0].text);
    // "the Hoodie", "this Sunglasses" point at the one product.
    return at >= 0 && (!valueWords.has(name[0].text) || DEFINITE.has(typed[at - 1]?.text ?? ''));
  });
  return { ...refs, products: kept };
}

const QUOTED = /["“”]([^"“”]+)["“”]/g;

function quotedWords(q: string): { rest: string; words: Word[] } {
  const quoted = [...q.matchAll(QUOTED)].flatMap((m) => words(m[1]));
  return { rest: q.replace(QUOTED, ' '), words: quoted };
}

/** The question words that named a catalog value. */
function valueWords(typed: Word[], values: ValueMatches): Set<string> {
  return new Set(typed.filter((_, i) => values.used.has(i)).map((w) => w.text));
}

function referencePlan(products: ProductRow[], q: string, conditions: Conditions, residual: Word[]): Plan {
  if (products.length >= 2 && COMPARE.test(q)) {
    // What the comparison is about, beyond the products' own names ("…more pockets?").
    const named = new Set(products.flatMap((p) => words(p.name).flatMap((w) => w.stems)));
    return {
      route: 'comparison',
      products,
      text: text(residual.filter((w) => !w.stems.some((s) => named.has(s)))),
    };
  }
  return { route: 'lookup', products, wants: lookupWants(q), conditions };
}

/**
 * "Which sizes are there?", "How many colours do we have?", "products in size 32" (a size no product has):
 * the values of the option named, not products.
 */
function optionValuesOp(
  db: Db,
  q: string,
  names: ValueMatches['optionNames'],
  valuesNamed: boolean,
  residual: number,
): AggregateOp | null {
  const unknown = unknownOptionValue(db, names);
  if (unknown) return { kind: 'option-values', name: unknown.name, unknownValue: unknown.value };
  if (names.length === 1 && !valuesNamed && residual === 0 && (LIST_START.test(q) || COUNTING.test(q))) {
    return { kind: 'option-values', name: names[0].name, unknownValue: null };
  }
  return null;
}

function hasConditions(c: Conditions): boolean {
  return namesValues(c) || c.comparisons.length > 0 || c.stockStates.length > 0 || c.onSale;
}

function text(ws: Word[]): string {
  return ws.map((w) => w.text).join(' ');
}

/** Words left after values and question words: each must then appear in the counted products' names. */
function residualTerms(ws: Word[]): string[] {
  return [...new Set(ws.map((w) => w.text))];
}
