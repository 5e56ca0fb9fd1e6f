// Judged queries for the two fashion catalogs, which come without relevance judgments. Each query is
// the kind of description a shopper types or writes in an email ("something warm for winter", "a bag
// to carry my laptop to work"), and its judgments are a rule over the catalog file's own fields —
// Myntra's Gender and PrimaryColor and the product type its ProductName ends with, Hermes' category,
// seasons and name — written down with the query before any search ran, and applied here to every
// product of the file (nothing is read from the engine). Grade 2: the rule's product type and every
// constraint the query states; grade 1: the type with a constraint missed (another gender, colour or
// season); 0 otherwise. Every product is judged, so unjudged hits do not arise.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Judgments } from './metrics.ts';
import { DATASETS_DIR } from './sources.ts';

export const MYNTRA_CSV = path.join(DATASETS_DIR, 'myntra-fashion-catalog/myntra_products_catalog.csv');
export const HERMES_CSV = path.join(DATASETS_DIR, 'hermes-fashion-store/products.csv');

/** One product as the rules read it, with the file's id. */
interface Judged {
  id: string;
  /** Lower-case name. */
  name: string;
  /** Myntra's Gender, Hermes' category (both say who it is for), lower case. */
  group: string;
  /** Myntra's PrimaryColor, Hermes' seasons, lower case. */
  detail: string;
}

interface Rule {
  query: string;
  /** The product type, matched against the lower-case name. */
  type: RegExp;
  /** The constraints the query states beyond the type; a product of the type that misses one scores 1. */
  group?: RegExp;
  detail?: RegExp;
}

// Myntra: the type is the end of ProductName ("... Straight Kurta", "... Running Shoes").
const MYNTRA_RULES: Rule[] = [
  {
    query: 'ethnic wear for women',
    type: /\b(kurta|kurti|saree|lehenga|salwar|churidar|anarkali)\b/,
    group: /^women$/,
  },
  {
    query: 'traditional outfit for men',
    type: /\b(kurta|sherwani|bandhgala|nehru jacket|dhoti)\b/,
    group: /^men$/,
  },
  {
    query: 'something warm to wear in winter for men',
    type: /\b(jacket|sweater|sweatshirt|pullover|cardigan|thermal)\b/,
    group: /^men$/,
  },
  {
    query: 'winter clothes for women',
    type: /\b(jacket|sweater|sweatshirt|pullover|cardigan|coat|shrug)\b/,
    group: /^women$/,
  },
  { query: 'shoes for jogging', type: /\b(running|training|walking) shoes\b/ },
  { query: 'summer footwear for women', type: /\b(flats|sandals|flip-flops|sliders)\b/, group: /^women$/ },
  { query: 'shoes for a party for women', type: /\b(heels|pumps)\b/, group: /^women$/ },
  {
    query: 'formal black shoes for men',
    type: /\b(derbys|oxfords|brogues|formal shoes|monks)\b/,
    group: /^men$/,
    detail: /^black$/,
  },
  {
    query: 'jewellery for women',
    type: /\b(earrings|necklace|jhumkas|ring|bracelet|bangles?|pendant|anklet)\b/,
    group: /^women$/,
  },
  { query: 'accessories for men', type: /\b(wallet|belt|cufflinks|tie|watch|sunglasses)\b/, group: /^men$/ },
  { query: 'bag to carry a laptop', type: /\b(backpack|laptop bag|messenger bag)\b/ },
  { query: 'office shirt for men', type: /\bformal shirt\b/, group: /^men$/ },
  { query: 'office trousers for women', type: /\bformal trousers\b/, group: /^women$/ },
  { query: 'blue denim for women', type: /\bjeans\b/, group: /^women$/, detail: /^blue$/ },
  {
    query: 'red outfit for a festival',
    type: /\b(kurta|saree|lehenga|salwar|anarkali|sherwani)\b/,
    detail: /^red$/,
  },
  {
    query: 'sportswear for women',
    type: /\b(track pants|sports bra|tights|leggings|joggers|tracksuit)\b/,
    group: /^women$/,
  },
  { query: 'comfortable pants for lounging at home', type: /\b(joggers|track pants|pyjamas|lounge pants)\b/ },
  {
    query: 'clothes for little boys',
    type: /\b(t-shirt|shirt|shorts|jeans|trousers|sweatshirt|jacket|kurta)\b/,
    group: /^boys$/,
  },
  { query: 'curtains for the living room', type: /\bcurtains?\b/ },
  { query: 'long dress for a beach holiday', type: /\b(maxi dress|maxi)\b/ },
];

// Hermes: the type is the name ("Chunky Knit Beanie"); who it is for is the category, the season the seasons.
const HERMES_RULES: Rule[] = [
  {
    query: 'something warm for a man in winter',
    type: /\b(sweater|henley|vest|jacket|shacket|boots)\b/,
    group: /^men's/,
    detail: /winter/,
  },
  { query: 'a warm hat for winter', type: /\b(hat|beanie|earmuffs)\b/, detail: /winter/ },
  { query: 'a dress for a summer wedding', type: /\bdress\b/, group: /^women's clothing$/, detail: /summer/ },
  { query: 'a bag to carry my laptop and documents to work', type: /\b(backpack|messenger bag|tote)\b/ },
  { query: 'sandals for men for the summer', type: /\bsandals\b/, group: /^men's shoes$/ },
  { query: 'shoes for walking in the snow', type: /\bboots\b/, detail: /winter/ },
  {
    query: 'a coat for cold weather for women',
    type: /\b(coat|parka|jacket)\b/,
    group: /^women's clothing$/,
    detail: /winter/,
  },
  { query: 'a small bag for an evening party', type: /\b(clutch|crossbody)\b/ },
  { query: 'comfortable clothes for lounging at home', type: /\b(pajama|robe|slippers|joggers|leggings)\b/ },
  {
    query: 'something to keep me dry in the rain',
    type: /\b(raincoat|waterproof|nylon jacket|trench coat)\b/,
  },
];

function grade(rule: Rule, p: Judged): number {
  if (!rule.type.test(p.name)) return 0;
  const missed = [rule.group?.test(p.group), rule.detail?.test(p.detail)].some((ok) => ok === false);
  return missed ? 1 : 2;
}

export interface JudgedSet {
  /** The catalog file the judgments refer to (imported as it is). */
  file: string;
  judgments: Map<string, Judgments>;
}

function judge(rules: Rule[], products: Judged[], file: string): JudgedSet {
  const judgments = new Map<string, Judgments>();
  for (const rule of rules) {
    const judged: Judgments = new Map();
    for (const p of products) {
      const g = grade(rule, p);
      if (g > 0) judged.set(p.id, g);
    }
    judgments.set(rule.query, judged);
  }
  return { file, judgments };
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
}

export function myntraJudged(file = MYNTRA_CSV): JudgedSet {
  const products = readCsv(file).map((r) => ({
    id: r.ProductID,
    name: r.ProductName.toLowerCase(),
    group: r.Gender.toLowerCase(),
    detail: (r.PrimaryColor ?? '').toLowerCase(),
  }));
  return judge(MYNTRA_RULES, products, file);
}

export function hermesJudged(file = HERMES_CSV): JudgedSet {
  const products = readCsv(file).map((r) => ({
    id: r.product_id,
    name: r.name.toLowerCase(),
    group: r.category.toLowerCase(),
    detail: r.seasons.toLowerCase(),
  }));
  return judge(HERMES_RULES, products, file);
}
