import type { ProductRow } from '../store/products.ts';
import { contextProduct, fieldText } from './compose.ts';
import type { ProductField } from './context.ts';
import type { AskEnv, Draft } from './draft.ts';
import { chooseEvidence, sentences } from './evidence.ts';

const COMPARED: ProductField[] = ['price', 'stock', 'category', 'brand', 'season'];

/** Two or more named products side by side: the fields that differ, and what they share. */
export async function answerComparison(env: AskEnv, products: ProductRow[], topic: string): Promise<Draft> {
  const shown = products.slice(0, env.budget.maxProducts);
  const values = (f: ProductField) => shown.map((p) => fieldText(p, f, env.currency));
  const differing = COMPARED.filter((f) => new Set(values(f)).size > 1);
  const shared = COMPARED.filter((f) => !differing.includes(f) && values(f)[0] !== null);
  const attributeKeys = [...new Set(shown.flatMap((p) => Object.keys(attrs(p))))];
  const attrDiffs = attributeKeys.filter(
    (k) => new Set(shown.map((p) => String(attrs(p)[k] ?? '—'))).size > 1,
  );

  const names = shown.map((p) => `${p.name} (${p.id})`);
  const facts = [
    differing.length || attrDiffs.length
      ? `${names.join(' and ')} differ in ${[...differing, ...attrDiffs].join(', ')}.`
      : `${names.join(' and ')} have the same ${COMPARED.join(', ')}.`,
  ];
  for (const k of attrDiffs)
    facts.push(`${k}: ${shown.map((p) => String(attrs(p)[k] ?? '—')).join(' vs ')}.`);
  if (shared.length)
    facts.push(
      `${shown.length === 2 ? 'Both' : 'All'}: ${shared.map((f) => fieldText(shown[0], f, env.currency)).join('; ')}.`,
    );
  // With a topic, each product's sentence closest to the question; without one, what the product is.
  const evidence = topic ? await chooseEvidence(await env.embedder(), env.question, shown) : null;
  return {
    route: 'comparison',
    facts,
    products: shown.map((p) =>
      contextProduct(
        p,
        differing,
        env.currency,
        evidence?.get(p.id)?.sentence ?? sentences(p.description)[0],
      ),
    ),
    qualifying: products.length,
    listProducts: true,
  };
}

function attrs(p: ProductRow): Record<string, unknown> {
  return JSON.parse(p.attributes) as Record<string, unknown>;
}
