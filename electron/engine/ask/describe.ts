import type { Conditions } from './conditions.ts';
import { conditionSql, describeConditions, noConditions, toFilters } from './conditions.ts';
import { contextProduct } from './compose.ts';
import type { AskEnv, Draft } from './draft.ts';
import { chooseEvidence } from './evidence.ts';
import { noMatch } from './no-match.ts';
import type { ProductNoun } from './noun.ts';
import { nounSql, ofTheKind } from './noun.ts';
import { rowsByIds } from './rows.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import type { ProductRow } from '../store/products.ts';
import { words } from './words.ts';

/** Products recommended by name in the answer (the context may hold up to the budget's worth). */
export const RECOMMENDED = 3;
/** Below this similarity to the question, a product that shares no word with it is not a match. */
export const MIN_SIMILARITY = 0.5;

/**
 * Descriptive and recommendation questions: hybrid retrieval with the question's conditions, then the
 * best products, each with the description sentence that supports it.
 */
export async function answerDescriptive(
  env: AskEnv,
  conditions: Conditions,
  text: string,
  noun: ProductNoun | null = null,
): Promise<Draft> {
  const pool = Math.max(env.budget.maxProducts * 3, 20);
  const within = (c: Conditions): SqlCondition => {
    const where = conditionSql(c);
    if (!noun) return where;
    const kind = nounSql(noun);
    return { where: `${where.where} AND ${kind.where}`, params: [...where.params, ...kind.params] };
  };
  // Conditions read from loose words ("for men", "clothing") may exclude everything; then they are
  // dropped rather than answering with nothing.
  const attempts: Conditions[] = [conditions, { ...noConditions(), comparisons: conditions.comparisons }];
  let used = conditions;
  let rows: ProductRow[] = [];
  for (const attempt of attempts) {
    const result = await env.catalog.search({
      query: text,
      mode: 'hybrid',
      limit: pool,
      filters: toFilters(attempt),
    });
    rows = rowsByIds(
      env.db,
      result.hits.map((h) => h.id),
      within(attempt),
    );
    if (noun) rows = await ofTheKind(env, noun, text, within(attempt), rows);
    used = attempt;
    if (rows.length) break;
  }
  const top = rows.slice(0, env.budget.maxProducts);
  if (!top.length) return noMatch(env, text);

  const evidence = await chooseEvidence(await env.embedder(), env.question, top);
  const asked = new Set(words(text).flatMap((w) => w.stems));
  const sharesWord = (name: string, description: string | null) =>
    words(`${name} ${description ?? ''}`).some((w) => w.stems.some((s) => asked.has(s)));
  const relevant = top.filter(
    (r) => sharesWord(r.name, r.description) || (evidence.get(r.id)?.similarity ?? 0) >= MIN_SIMILARITY,
  );
  const scope = [...describeConditions(used, env.currency), ...(noun ? [`among ${noun.label}`] : [])];
  // "Which toner cartridge is best for travel?": the catalog may well have travel products, just no
  // toner cartridge for travel. Say so of the scope asked about, and offer its products nearest in meaning.
  if (!relevant.length && scope.length) {
    return noMatch(env, text, { lead: [`Nothing ${scope.join(', ')} matches “${text}”.`], within: used });
  }
  if (!relevant.length) return noMatch(env, text);

  const dropped =
    used !== conditions ? ' (nothing fit every condition in the question, so some were relaxed)' : '';
  return {
    route: 'descriptive',
    facts: [`Best matches${scope.length ? ` ${scope.join(', ')}` : ''}${dropped}:`],
    products: relevant
      .slice(0, RECOMMENDED)
      .map((r) =>
        contextProduct(r, ['price', 'stock'], env.currency, evidence.get(r.id)?.sentence ?? undefined),
      ),
    qualifying: Math.min(relevant.length, RECOMMENDED),
    listProducts: true,
  };
}
