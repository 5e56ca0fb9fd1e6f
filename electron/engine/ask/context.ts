import type { AskRoute } from '../../../shared/types.ts';

export type ProductField = 'price' | 'stock' | 'category' | 'brand' | 'season' | 'variants' | 'description';

/** One product as an answer may use it: only the fields the answer rests on, already written out. */
export interface ContextProduct {
  id: string;
  name: string;
  /** Field → its value as the answer writes it, in the order the answer names them. */
  fields: [ProductField, string][];
  /** The sentence of the description that supports the answer, if one does. */
  evidence?: string;
}

/** Everything an answer is built from, within a fixed budget whatever the catalog size. */
export interface AskContext {
  question: string;
  route: AskRoute;
  /** Exact statements from the database (counts, sums, differences), in the answer's words. */
  facts: string[];
  products: ContextProduct[];
  /** Products that qualified but did not fit the budget. */
  omitted: number;
}

export interface Budget {
  maxProducts: number;
  maxChars: number;
}

export const DEFAULT_BUDGET: Budget = { maxProducts: 8, maxChars: 4_000 };

// Facts are a few sentences; they may take at most this share of the characters, products the rest.
const FACT_SHARE = 0.3;
const MIN_EVIDENCE = 40;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function renderProduct(p: ContextProduct): string {
  const fields = p.fields.filter(([f]) => f !== 'description').map(([, v]) => v);
  const head = `${p.name} (${p.id})${fields.length ? `: ${fields.join(', ')}` : ''}`;
  return p.evidence ? `${head} — “${p.evidence}”` : head;
}

/** The context as text: what the language model reads, and what the budget is measured on. */
export function renderContext(ctx: AskContext): string {
  const lines = [`Question: ${ctx.question}`, ...ctx.facts.map((f) => `Fact: ${f}`)];
  for (const p of ctx.products) lines.push(`Product: ${renderProduct(p)}`);
  if (ctx.omitted) lines.push(`(${ctx.omitted} more products qualify but are not shown)`);
  return lines.join('\n');
}

/**
 * Fits facts and products into the budget: facts first (clipped to their share), then as many of the
 * products, in order, as fit — each one's evidence clipped so one long description cannot crowd out
 * the rest.
 */
export function buildContext(
  question: string,
  route: AskRoute,
  facts: string[],
  products: ContextProduct[],
  budget: Budget,
  qualifying = products.length,
): AskContext {
  const factChars = Math.floor(budget.maxChars * FACT_SHARE);
  const keptFacts: string[] = [];
  let used = 0;
  for (const f of facts) {
    const room = factChars - used;
    if (room <= MIN_EVIDENCE) break;
    const clipped = clip(f, room);
    keptFacts.push(clipped);
    used += clipped.length + 7;
  }
  const ctx: AskContext = {
    question: clip(question, 500),
    route,
    facts: keptFacts,
    products: [],
    omitted: 0,
  };
  const perProduct = Math.floor(
    (budget.maxChars - renderContext(ctx).length - 60) / Math.max(1, budget.maxProducts),
  );
  for (const p of products.slice(0, budget.maxProducts)) {
    const base = { ...p, evidence: undefined, name: clip(p.name, 120) };
    const room = perProduct - renderProduct(base).length - 14;
    const fitted = p.evidence && room >= MIN_EVIDENCE ? { ...base, evidence: clip(p.evidence, room) } : base;
    const next = {
      ...ctx,
      products: [...ctx.products, fitted],
      omitted: qualifying - ctx.products.length - 1,
    };
    if (renderContext(next).length > budget.maxChars) break;
    ctx.products.push(fitted);
  }
  ctx.omitted = Math.max(0, qualifying - ctx.products.length);
  return ctx;
}
