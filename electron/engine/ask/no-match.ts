import type { ProductRow } from '../store/products.ts';
import { contextProduct } from './compose.ts';
import type { Conditions } from './conditions.ts';
import { conditionSql, toFilters } from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import { rowsByIds } from './rows.ts';

const SUGGESTIONS = 3;

export interface NoMatchOptions {
  /** What to say instead of "Nothing in the catalog matches …". */
  lead?: string[];
  /** Products to offer first. */
  nearest?: ProductRow[];
  /** Where the question asked to look: the suggestions come from there too. */
  within?: Conditions;
}

/** Nothing matches: say so, and offer the products closest in meaning to what was asked for. */
export async function noMatch(env: AskEnv, wanted: string, opts: NoMatchOptions = {}): Promise<Draft> {
  const facts = opts.lead ?? [`Nothing in the catalog matches “${wanted}”.`];
  const suggestions = [...(opts.nearest ?? [])];
  if (wanted.trim() && suggestions.length < SUGGESTIONS) {
    // Semantic mode with a filter ranks the whole filtered set: there is always a nearest product in it.
    const result = await env.catalog.search({
      query: wanted,
      mode: 'semantic',
      limit: SUGGESTIONS,
      filters: opts.within ? toFilters(opts.within) : {},
    });
    const ids = result.hits.map((h) => h.id).filter((id) => !suggestions.some((s) => s.id === id));
    const fits = opts.within ? conditionSql(opts.within) : undefined;
    suggestions.push(...rowsByIds(env.db, ids, fits).slice(0, SUGGESTIONS - suggestions.length));
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
