import type { ProductRow } from '../store/products.ts';
import { contextProduct } from './compose.ts';
import type { Conditions } from './conditions.ts';
import { orList } from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import type { LookupField } from './route.ts';

/**
 * Answers about products named by id or name: the fields asked for and, for questions about what a
 * product is like, its whole description (clipped to the budget): a question about one product's
 * material or use is answered by any of its sentences, so none is singled out.
 */
export function answerLookup(
  env: AskEnv,
  products: ProductRow[],
  wants: LookupField[],
  conditions: Conditions,
): Draft {
  const shown = products.slice(0, env.budget.maxProducts);
  const facts: string[] = [];
  const sameName = new Map<string, number>();
  for (const p of products) sameName.set(p.name.toLowerCase(), (sameName.get(p.name.toLowerCase()) ?? 0) + 1);
  for (const [name, n] of sameName) {
    const original = products.find((p) => p.name.toLowerCase() === name)?.name ?? name;
    if (n > 1) facts.push(`${n} products are named “${original}”.`);
  }
  if (wants.includes('season') && conditions.seasons.length) {
    const asked = orList(conditions.seasons);
    for (const p of shown) {
      const fits = p.season !== null && conditions.seasonStrings.includes(p.season);
      facts.push(
        p.season === null
          ? `${p.name} (${p.id}) has no season in the catalog.`
          : `${p.name} (${p.id}) is listed for ${p.season}, so ${fits ? `it suits ${asked}` : `${asked} is not among its seasons`}.`,
      );
    }
  }
  const fields = wants.filter((w) => w !== 'description');
  return {
    route: 'lookup',
    facts,
    products: shown.map((p) =>
      contextProduct(
        p,
        fields.length ? fields : ['price', 'stock'],
        env.currency,
        wants.includes('description') ? (p.description ?? undefined) : undefined,
      ),
    ),
    qualifying: products.length,
    listProducts: true,
  };
}
