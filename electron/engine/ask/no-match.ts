import type { ProductRow } from '../store/products.ts';
import { contextProduct } from './compose.ts';
import type { AskEnv, Draft } from './draft.ts';
import { rowsByIds } from './rows.ts';

const SUGGESTIONS = 3;

/** Nothing matches: say so, and offer the products closest in meaning to what was asked for. */
export async function noMatch(
  env: AskEnv,
  wanted: string,
  lead?: string[],
  nearest: ProductRow[] = [],
): Promise<Draft> {
  const facts = lead ?? [`Nothing in the catalog matches “${wanted}”.`];
  const suggestions = [...nearest];
  if (wanted.trim() && suggestions.length < SUGGESTIONS) {
    const result = await env.catalog.search({
      query: wanted,
      mode: 'semantic',
      limit: SUGGESTIONS,
      filters: {},
    });
    const ids = result.hits.map((h) => h.id).filter((id) => !suggestions.some((s) => s.id === id));
    suggestions.push(...rowsByIds(env.db, ids).slice(0, SUGGESTIONS - suggestions.length));
  }
  if (suggestions.length)
    facts.push(suggestions.length === 1 ? 'The nearest thing it has:' : 'The nearest things it has:');
  return {
    route: 'no-match',
    facts,
    products: suggestions.map((r) => contextProduct(r, ['price', 'stock', 'category'], env.currency)),
    qualifying: suggestions.length,
    listProducts: true,
  };
}
