import type { Db } from '../store/database.ts';
import type { ProductRow } from '../store/products.ts';
import type { Conditions, OptionCondition } from './conditions.ts';
import { noConditions } from './conditions.ts';
import type { Constraints } from './constraints.ts';
import { matchOptions, unknownOptionValue } from './options.ts';
import { namePositions } from './refs.ts';
import type { Order } from './route.ts';
import { vocabularyOf } from './values.ts';
import type { Word } from './words.ts';
import { QUESTION_WORDS } from './words.ts';

/** A question about the variants of products it names ("Which sizes of the Example Tee are in stock?"). */
export interface VariantAsk {
  /**
   * count: how many variants; list: what they are; options: the values of the options named ("which
   * sizes"); has: whether the values asked for are offered ("in size M?"); extreme: the cheapest,
   * priciest or best-stocked variant.
   */
  kind: 'count' | 'list' | 'options' | 'has' | 'extreme';
  /** Options named without a value, as the catalog spells them; none: all the product's. */
  names: string[];
  /** Option values asked for. */
  wanted: OptionCondition[];
  /** A value asked for that no product has ("size 32"), folded as typed. */
  unknown: { name: string; value: string } | null;
  /** A word "comes in" asks for that is no option value ("come in purple?"), with no option named. */
  unmatched: string | null;
  /** What the variants counted or listed must be: stock states, on sale, price or stock limits. */
  conditions: Conditions;
  order: Order | null;
}

/** Words that ask about variants themselves (WooCommerce calls them variations). */
export const VARIANT_WORDS = /\b(?:variants?|variations?)\b/;

const COMES_IN = /\b(?:comes?|offered|sold|available|made) in\b(?: (?:an?|the) )? ?([\p{L}\p{N}]*)/u;

/**
 * Reads a question naming products as one about their variants, or returns null when it is not: it
 * must say "variants", or name an option of the catalog or one of its values outside the products' own
 * names ("Red Hoodie" names a product, not the colour asked about).
 */
export function readVariantQuestion(
  db: Db,
  q: string,
  typed: Word[],
  products: ProductRow[],
  constraints: Constraints,
  shape: { counting: boolean; order: Order | null },
): VariantAsk | null {
  const { options } = vocabularyOf(db);
  const named = matchOptions(typed, options, namePositions(typed, products));
  // "Does the Hoodie come in purple?": a product with variants, asked what it comes in.
  // "Available in stock" is about stock; "comes in purple", "what does it come in" about options.
  const comesInWord = COMES_IN.exec(q)?.[1];
  const comesIn =
    comesInWord !== undefined && !QUESTION_WORDS.has(comesInWord) && products.some((p) => p.variantCount > 0);
  if (!VARIANT_WORDS.test(q) && !comesIn && !named.options.length && !named.names.length) return null;

  const unknown = unknownOptionValue(db, named.names);
  const names = named.names.filter((n) => n.name !== unknown?.name).map((n) => n.name);
  const order = shape.order && shape.order.by !== 'added' ? shape.order : null;
  const kind: VariantAsk['kind'] = order
    ? 'extreme'
    : named.options.length || unknown
      ? 'has'
      : names.length
        ? 'options'
        : shape.counting
          ? 'count'
          : comesIn
            ? 'options'
            : 'list';
  return {
    kind,
    names,
    wanted: named.options,
    unknown,
    unmatched: kind === 'options' && !names.length && comesIn && comesInWord ? comesInWord : null,
    conditions: {
      ...noConditions(),
      comparisons: constraints.comparisons,
      stockStates: constraints.stockStates,
      onSale: constraints.onSale,
    },
    order,
  };
}
