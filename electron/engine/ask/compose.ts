import type { StockState } from '../../../shared/types.ts';
import type { ProductRow } from '../store/products.ts';
import type { AskContext, ContextProduct, ProductField } from './context.ts';
import { renderProduct } from './context.ts';
import { formatMoney, plural, STATE_WORDS } from './format.ts';

/** One field of a product as answers write it; null when the catalog has no value for it. */
export function fieldText(row: ProductRow, field: ProductField, currency: string | null): string | null {
  switch (field) {
    case 'price':
      return priceText(row, row.currency ?? currency);
    case 'stock':
      return stockText(row.stock, row.stockState);
    case 'variants':
      return row.variantCount > 0 ? plural(row.variantCount, 'variant') : null;
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

/** "$25.00", "$15.00–$20.00" (variants differ), "$17.99 (regularly $22.99)" (on sale). */
function priceText(row: ProductRow, currency: string | null): string | null {
  if (row.price === null) return null;
  const money = (n: number) => formatMoney(n, currency);
  const sale =
    row.compareAtPrice !== null && row.compareAtPrice > row.price
      ? ` (regularly ${money(row.compareAtPrice)})`
      : '';
  const lowest = `${money(row.price)}${sale}`;
  return row.priceMax !== null && row.priceMax > row.price
    ? `${sale ? 'from ' : ''}${lowest}${sale ? ' to ' : '–'}${money(row.priceMax)}`
    : lowest;
}

/** Units when the catalog counts them, else the state it states (a shop may not track quantities). */
export function stockText(stock: number | null, state: StockState | null): string | null {
  if (stock !== null && stock > 0) return `${plural(stock, 'unit')} in stock`;
  if (state !== null) return STATE_WORDS[state];
  return stock === null ? null : 'out of stock';
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
