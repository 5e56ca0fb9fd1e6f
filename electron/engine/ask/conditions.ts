import type { Filters, StockState } from '../../../shared/types.ts';
import { quote } from '../search/analyze.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import type { Comparison } from './constraints.ts';
import { normValue } from '../store/attribute-values.ts';
import { formatMoney, STATE_WORDS } from './format.ts';

/** Values of one variant option a product must offer (Color = Red or Blue). */
export interface OptionCondition {
  /** The option's name as the catalog spells it; matched without case. */
  name: string;
  values: string[];
  /** Product attributes of the same name: products sold as one item state their colour there. */
  attributeKeys: string[];
}

/** Everything a question constrains, in terms of the catalog's own values. */
export interface Conditions {
  categories: string[];
  brands: string[];
  /** Seasons asked for, and the catalog's season strings that fit them. */
  seasons: string[];
  seasonStrings: string[];
  attributes: { key: string; values: string[] }[];
  comparisons: Comparison[];
  /** Option values some variant must have ("come in red"); with a stock state, the same variant has it. */
  options: OptionCondition[];
  /** Preorder, backorder (in and out of stock are comparisons, like other stock levels). */
  stockStates: StockState[];
  /** The compare-at price is above the price (of the product: its cheapest variant, as search filters). */
  onSale: boolean;
  /** Words the product's name (or category, brand, attributes) must contain. */
  terms: string[];
}

export function noConditions(): Conditions {
  return {
    categories: [],
    brands: [],
    seasons: [],
    seasonStrings: [],
    attributes: [],
    comparisons: [],
    options: [],
    stockStates: [],
    onSale: false,
    terms: [],
  };
}

/** Whether the conditions name catalog values (a category, brand, season, attribute or option value). */
export function namesValues(c: Conditions): boolean {
  return [c.categories, c.brands, c.seasons, c.attributes, c.options].some((v) => v.length > 0);
}

/** The stock state an "in stock" / "out of stock" comparison stands for; null for other levels. */
function stateOf(cmp: Comparison): StockState | null {
  if (cmp.field !== 'stock' || cmp.value !== 0) return null;
  return cmp.op === '>' ? 'in stock' : cmp.op === '<=' ? 'out of stock' : null;
}

/**
 * The stock states asked for. "In stock" is read from the state, not the quantity: a shop that does not
 * track quantities still says a product is in stock, and a product is in stock when any variant is.
 */
export function askedStates(c: Conditions): StockState[] {
  const states = [...c.stockStates];
  for (const cmp of c.comparisons) {
    const state = stateOf(cmp);
    if (state && !states.includes(state)) states.push(state);
  }
  return states;
}

/** Price and stock levels (not states) and "on sale", of a product (`p`) or of a variant (`v`). */
function levels(alias: 'p' | 'v', c: Conditions, where: string[], params: (string | number)[]): void {
  // A category or brand names few products; a price or stock bound, bound as a parameter, may hold
  // for most. Without statistics SQLite picks the bound's index ("mice under $50": 500 ms at 100k
  // products, against 2 ms by category); the unary plus leaves it the category's or brand's.
  const lead = alias === 'p' && (c.categories.length || c.brands.length) ? '+' : '';
  for (const cmp of c.comparisons) {
    if (stateOf(cmp)) continue;
    where.push(`${lead}${alias}.${cmp.field} ${cmp.op} ?`);
    params.push(cmp.value);
  }
  if (c.onSale) where.push(`${alias}.compare_at_price > ${alias}.price`);
}

/**
 * Most products are in stock: without statistics SQLite would walk the stock-state index over nearly
 * all of them ("mice under $50 in stock": 270 ms at 100k products) instead of the category's few.
 * The unary plus keeps that index for the rare states only.
 */
function stateColumn(states: StockState[]): string {
  return states.includes('in stock') ? '+p.stock_state' : 'p.stock_state';
}

function inList(column: string, values: readonly (string | number)[]): string {
  return `${column} IN (${placeholders(values.length)})`;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The conditions as SQL over `products p`, every value bound. */
export function conditionSql(c: Conditions): SqlCondition {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (c.categories.length) {
    // "Listed under Clothing" includes Clothing > Hoodies: a category is a path, as in search filters.
    // The names (the category's own and those below it) are found first, so the products are read off
    // the category index, which holds what counts and averages need (no product row is read).
    const below = c.categories.map(() => CHILD_CATEGORIES).join(' UNION ');
    where.push(`p.category COLLATE NOCASE IN (SELECT value FROM json_each(?) UNION ${below})`);
    params.push(JSON.stringify(c.categories));
    for (const v of c.categories) params.push(`${v} > `, `${v} >!`);
  }
  if (c.brands.length) {
    where.push(`p.brand COLLATE NOCASE IN (${placeholders(c.brands.length)})`);
    params.push(...c.brands);
  }
  if (c.seasonStrings.length) {
    where.push(`p.season IN (${placeholders(c.seasonStrings.length)})`);
    params.push(...c.seasonStrings);
  }
  for (const a of c.attributes) {
    // The whole value, or one part of a list ("Blue, Green, Red" has red).
    const has = attributeSql([a.key], a.values);
    where.push(has.where);
    params.push(...has.params);
  }
  levels('p', c, where, params);
  const states = askedStates(c);
  if (c.options.length) {
    const offered = offeredSql(c.options, states);
    where.push(offered.where);
    params.push(...offered.params);
  } else if (states.length) {
    where.push(inList(stateColumn(states), states));
    params.push(...states);
  }
  if (c.terms.length) {
    where.push('p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)');
    params.push(termsMatch(c.terms));
  }
  return { where: where.length ? where.join(' AND ') : '1', params };
}

// The categories below one: the range over "X > " (space + 1 is "!") walks the category index.
const CHILD_CATEGORIES =
  'SELECT category FROM products WHERE category COLLATE NOCASE >= ? AND category COLLATE NOCASE < ?';

/**
 * Conditions on attributes alone ("black products", "for men") as a query of their products' rowids
 * over the attribute index: counting the 221,850 black products of 1M there took 45 ms,
 * against 1 s seeking each product row. Null when another condition needs the product row.
 */
export function attributeRowids(c: Conditions): SqlCondition | null {
  const { attributes, ...rest } = c;
  if (!attributes.length || namesValues({ ...rest, attributes: [] }) || hasLevels(rest)) return null;
  const sets = attributes.map((a) => ({
    where: `SELECT product_rowid FROM product_attributes WHERE name = ? AND ${inList('norm', a.values)}`,
    params: [a.key, ...a.values.map(normValue)],
  }));
  return {
    where: `SELECT DISTINCT product_rowid FROM (${sets.map((x) => x.where).join(' INTERSECT ')})`,
    params: sets.flatMap((x) => x.params),
  };
}

function hasLevels(c: Omit<Conditions, 'attributes'>): boolean {
  return c.comparisons.length > 0 || c.stockStates.length > 0 || c.onSale || c.terms.length > 0;
}

/** Products with one of these values (whole, or one part of a list) in one of these attributes. */
function attributeSql(keys: string[], values: string[]): SqlCondition {
  return {
    where: `p.rowid IN (SELECT product_rowid FROM product_attributes WHERE ${inList('name', keys)} AND ${inList('norm', values)})`,
    params: [...keys, ...values.map(normValue)],
  };
}

/**
 * Products offering the options asked for: a variant with them (found by the option index; with a stock
 * state asked, that variant is in it), or a product sold as one item whose attribute of the option's
 * name lists them ("Color: Blue, Red").
 */
function offeredSql(options: OptionCondition[], states: StockState[]): SqlCondition {
  const byVariant: string[] = [];
  const params: (string | number)[] = [];
  for (const o of options) {
    byVariant.push(
      `p.rowid IN (SELECT product_rowid FROM product_options WHERE name = ? COLLATE NOCASE AND ${inList('value COLLATE NOCASE', o.values)})`,
    );
    params.push(o.name, ...o.values);
  }
  if (states.length) {
    const v = variantConditionSql({ ...noConditions(), options, stockStates: states });
    byVariant.push(`EXISTS (SELECT 1 FROM variants v WHERE v.product_rowid = p.rowid AND ${v.where})`);
    params.push(...v.params);
  }
  if (!options.every((o) => o.attributeKeys.length)) return { where: byVariant.join(' AND '), params };
  const byAttribute = ['p.variant_count = 0'];
  for (const o of options) {
    const has = attributeSql(o.attributeKeys, o.values);
    byAttribute.push(has.where);
    params.push(...has.params);
  }
  if (states.length) {
    byAttribute.push(inList(stateColumn(states), states));
    params.push(...states);
  }
  return { where: `((${byVariant.join(' AND ')}) OR (${byAttribute.join(' AND ')}))`, params };
}

/**
 * The conditions one variant must meet, as SQL over `variants v`: its options, stock state, sale, price
 * and stock. Category, brand, season, attributes and words are the product's and are left out.
 */
export function variantConditionSql(c: Conditions): SqlCondition {
  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const o of c.options) {
    where.push(
      `EXISTS (SELECT 1 FROM json_each(v.options) vo WHERE vo.key = ? COLLATE NOCASE AND ${inList('vo.value COLLATE NOCASE', o.values)})`,
    );
    params.push(o.name, ...o.values);
  }
  const states = askedStates(c);
  if (states.length) {
    where.push(inList('v.stock_state', states));
    params.push(...states);
  }
  levels('v', c, where, params);
  return { where: where.length ? where.join(' AND ') : '1', params };
}

/** An FTS query: every term in the name, brand, category or attributes (not the description). */
export function termsMatch(terms: string[]): string {
  return `{name brand category attrs} : (${terms.map(quote).join(' AND ')})`;
}

/** The closest the search filters can express: search has no strict bounds, no stock thresholds. */
export function toFilters(c: Conditions): Filters {
  const f: Filters = {};
  if (c.categories.length) f.categories = c.categories;
  if (c.brands.length) f.brands = c.brands;
  for (const cmp of c.comparisons) {
    if (cmp.field === 'price' && cmp.op.startsWith('<')) f.priceMax = cmp.value;
    if (cmp.field === 'price' && cmp.op.startsWith('>')) f.priceMin = cmp.value;
    const state = stateOf(cmp);
    if (state) f.inStock = state === 'in stock';
  }
  if (c.onSale) f.onSale = true;
  const single = c.attributes.filter((a) => a.values.length === 1);
  if (single.length) f.attributes = Object.fromEntries(single.map((a) => [a.key, a.values[0]]));
  const options = c.options.filter((o) => o.values.length === 1);
  if (options.length) f.options = Object.fromEntries(options.map((o) => [o.name, o.values[0]]));
  return f;
}

const OP_WORDS: Record<Comparison['op'], string> = {
  '<': 'under',
  '<=': 'at most',
  '>': 'over',
  '>=': 'at least',
  '=': 'exactly',
};

/** The conditions in words, so the manager can see exactly what was counted. */
export function describeConditions(c: Conditions, currency: string | null): string[] {
  const parts: string[] = [];
  if (c.categories.length) parts.push(`in ${orList(c.categories)}`);
  if (c.brands.length) parts.push(`by ${orList(c.brands)}`);
  if (c.seasons.length) {
    const allYear = c.seasonStrings.some(
      (s) => !c.seasons.some((x) => s.toLowerCase().includes(x.toLowerCase())),
    );
    parts.push(`for ${orList(c.seasons)}${allYear ? ' (all-season products included)' : ''}`);
  }
  for (const a of c.attributes) parts.push(`with ${a.key} ${orList(a.values)}`);
  const states = askedStates(c).map((s) => STATE_WORDS[s]);
  const options = c.options.map((o) => `${o.name} ${orList(o.values)}`).join(' and ');
  // "With Size XL in stock": one variant has both; otherwise the product offers it and has the state.
  if (options) parts.push(states.length ? `with ${options} ${orList(states)}` : `offered in ${options}`);
  else if (states.length) parts.push(orList(states));
  for (const cmp of c.comparisons) {
    if (stateOf(cmp)) continue;
    if (cmp.field === 'stock') parts.push(`with ${OP_WORDS[cmp.op]} ${cmp.value} in stock`);
    else parts.push(`priced ${OP_WORDS[cmp.op]} ${formatMoney(cmp.value, currency)}`);
  }
  if (c.onSale) parts.push('on sale');
  if (c.terms.length) parts.push(`whose name mentions ${c.terms.map((t) => `“${t}”`).join(' and ')}`);
  return parts;
}

/** Whether a part of `describeConditions` says what state the products are in ("are on sale"). */
export function isStatus(part: string): boolean {
  return (
    part === 'on sale' || Object.values(STATE_WORDS).some((w) => part === w || part.startsWith(`${w} or `))
  );
}

export function orList(values: string[]): string {
  return values.length <= 1
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
