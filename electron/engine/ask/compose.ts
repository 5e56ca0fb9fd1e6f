import type { ProductRow } from '../store/products.ts';
import type { AskContext, ContextProduct, ProductField } from './context.ts';
import { renderProduct } from './context.ts';
import { formatMoney, plural } from './format.ts';

/** One field of a product as answers write it; null when the catalog has no value for it. */
export function fieldText(row: ProductRow, field: ProductField, currency: string | null): string | null {
  switch (field) {
    case 'price':
      return row.price === null ? null : formatMoney(row.price, row.currency ?? currency);
    case 'stock':
      return row.stock === null
        ? null
        : row.stock > 0
          ? `${plural(row.stock, 'unit')} in stock`
          : 'out of stock';
    case 'category':
      return row.category ? `category ${row.category}` : null;
    case 'brand':
      return row.brand ? `by ${row.brand}` : null;
    case 'season':
      return row.season ? `season: ${row.season}` : null;
    case 'description':
      return row.description;
  }
}

export function contextProduct(
  row: ProductRow,
  fields: ProductField[],
  currency: string | null,
  evidence?: string,
): ContextProduct {
  const written: [ProductField, string][] = [];
  for (const f of fields) {
    const text = f === 'description' ? null : fieldText(row, f, currency);
    if (text !== null) written.push([f, text]);
  }
  if (evidence) written.push(['description', evidence]);
  return { id: row.id, name: row.name, fields: written, evidence };
}

/** The built-in answer: the facts, then the products they rest on, one per line. */
export function composeAnswer(ctx: AskContext, listProducts: boolean): string {
  const lines = [...ctx.facts];
  if (listProducts) {
    for (const p of ctx.products) lines.push(`• ${renderProduct(p)}`);
    if (ctx.omitted > 0) lines.push(`…and ${plural(ctx.omitted, 'more product')}.`);
  }
  return lines.join('\n');
}
