// The query workload: the 135 real Icecat queries, hand-written fashion queries in the same style for the
// Myntra half of the generated catalogs, and id lookups typed the way people type them.
import type { Filters } from '../../shared/types.ts';
import { loadJudgments } from '../relevance.ts';
import { Random } from './random.ts';

const FASHION_QUERIES = [
  'women black kurta',
  'men running shoes',
  'blue denim jacket',
  'floral print dress',
  'leather wallet for men',
  'kids t-shirt',
  'trolley bag',
  'silver earrings',
  'sports bra',
  'white formal shirt',
  'cotton saree',
  'slim fit jeans',
  'backpack for school',
  'ankle boots women',
  'hooded sweatshirt',
  'printed palazzos',
  'sunglasses',
  'analog watch men',
  'track pants',
  'winter jacket warm',
  'red lehenga',
  'casual shoes',
  'flip flops',
  'boys shorts',
  'girls dress',
  'night suit',
  'woven kurta set with dupatta',
  'handbag tan',
  'socks pack of 3',
  'checked shirt',
] as const;

export interface Workload {
  queries: string[];
  /** A filter most users would add: in stock and under the catalog's median price. */
  filter: Filters;
}

/** Deterministic workload for a catalog whose ids are `ids` and whose median price is `medianPrice`. */
export function buildWorkload(ids: string[], medianPrice: number, seed = 7): Workload {
  const rng = new Random(seed);
  const idQueries = Array.from({ length: 10 }, (_, i) => {
    const id = rng.pick(ids);
    return i % 2 ? id : id.toLowerCase().replace(/-/g, ' ');
  });
  return {
    queries: [...loadJudgments().keys(), ...FASHION_QUERIES, ...idQueries],
    filter: { inStock: true, priceMax: Math.round(medianPrice) },
  };
}

/** Plain-language questions for the ask path: counting, superlatives and descriptive ones. */
export function buildQuestions(categories: string[], medianPrice: number): string[] {
  const price = Math.round(medianPrice);
  return categories.flatMap((c) => [
    `how many ${c.toLowerCase()} under $${price} are in stock?`,
    `what is the cheapest ${c.toLowerCase()}?`,
    `which ${c.toLowerCase()} is best for travel?`,
  ]);
}

/** The categories the ask questions are about: the first ten of the catalog's first 2,000 products. */
export function askCategories(categoriesInFileOrder: string[]): string[] {
  return [...new Set(categoriesInFileOrder.slice(0, 2000))].slice(0, 10);
}

/**
 * One question per class the ask grammar reads, over the generated catalogs' own fields (color, gender,
 * spec are extra columns): the classes whose cost grows with the catalog, not with the answer.
 */
export function buildClassQuestions(
  largestCategory: string,
  [brandA, brandB]: string[],
): { cls: string; q: string }[] {
  const c = largestCategory.toLowerCase();
  return [
    { cls: 'count: largest category', q: `how many products are in the ${largestCategory} category?` },
    { cls: 'count: largest category in stock', q: `how many ${c} are in stock?` },
    { cls: 'average: largest category', q: `what is the average price of ${c}?` },
    { cls: 'count: whole catalog', q: 'how many products are out of stock?' },
    { cls: 'count: low stock', q: 'how many products have fewer than 5 in stock?' },
    { cls: 'count: on sale', q: 'how many products are on sale?' },
    { cls: 'count: attribute value', q: 'how many products come in red?' },
    { cls: 'count: attribute value', q: 'how many black products are there?' },
    { cls: 'group-by: attribute', q: 'which colour is most common?' },
    { cls: 'group-by: attribute', q: 'how many products per gender?' },
    { cls: 'group-by: column', q: 'which category has the most products?' },
    { cls: 'missing: attribute', q: 'how many products have no colour?' },
    { cls: 'missing: column', q: 'how many products have no description?' },
    { cls: 'compare-two: brands', q: `do we have more ${brandA} or ${brandB} products?` },
    { cls: 'compare-two: attribute values', q: 'are there more products for men or women?' },
  ];
}
