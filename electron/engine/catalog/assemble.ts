import type { RejectedRow, StockState, Variant } from '../../../shared/types.ts';
import type { Piece, ProductInput } from './normalize.ts';
import { singleProduct } from './normalize.ts';

/** Which stock state a product has when its variants differ: any in stock makes it in stock. */
const STATE_ORDER: StockState[] = ['in stock', 'preorder', 'backorder', 'out of stock'];

/** Options platforms write for a product that has no real choice (Shopify's `Title: Default Title`). */
function isPlaceholder(options: Record<string, string>): boolean {
  const entries = Object.entries(options);
  return entries.length === 1 && entries[0][0] === 'Title' && entries[0][1] === 'Default Title';
}

function variantOf(piece: Piece, productId: string, index: number): Variant {
  const options = piece.claimed ?? piece.variant?.options ?? {};
  const fallback = Object.values(options).join('/') || String(index + 1);
  return {
    id: (piece.claimed ? piece.product?.id : piece.variant?.id) ?? `${productId}/${fallback}`,
    options: isPlaceholder(options) ? {} : options,
    price: piece.offer.price,
    compareAtPrice: piece.offer.compareAtPrice,
    stock: piece.offer.stock,
    stockState: piece.offer.stockState,
    barcode: piece.offer.barcode,
  };
}

/**
 * The rows of one group made into one product. The first row that describes the product gives its
 * fields; every row that is a buyable variant gives a variant. A product whose only variant offers no
 * choice is a plain product. Rows that cannot join (no product row in the group, a repeated variant
 * SKU) are rejected; the others stand.
 */
export function assembleProduct(
  pieces: Piece[],
  file: string,
  groupColumn: string,
): { product: ProductInput | null; rejected: RejectedRow[] } {
  const head = pieces.find((p) => p.product && !p.claimed);
  if (!head) {
    return {
      product: null,
      rejected: pieces.map((p) => ({
        file,
        row: p.row,
        field: groupColumn,
        reason: `no product row for "${p.group}" in the file (this row only adds a variant to it)`,
      })),
    };
  }
  const part = head.product!;
  const rejected: RejectedRow[] = [];
  const variants: Variant[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    if (!piece.variant && !piece.claimed) continue;
    const v = variantOf(piece, part.id, variants.length);
    if (seen.has(v.id)) {
      rejected.push({
        file,
        row: piece.row,
        field: groupColumn,
        reason: `duplicate variant "${v.id}" of "${part.id}"`,
      });
      continue;
    }
    seen.add(v.id);
    variants.push(v);
  }
  if (variants.length === 0) return { product: singleProduct(part, head.offer), rejected };
  if (variants.length === 1 && Object.keys(variants[0].options).length === 0) {
    const [only] = variants;
    const attributes = only.id === part.id ? part.attributes : { ...part.attributes, SKU: only.id };
    return {
      product: singleProduct({ ...part, attributes }, pieces.find((p) => p.variant || p.claimed)!.offer),
      rejected,
    };
  }
  return {
    product: {
      ...part,
      ...rollUp(
        variants,
        head.offer.currency ?? pieces.find((p) => p.offer.currency)?.offer.currency ?? null,
      ),
      variants,
    },
    rejected,
  };
}

/** What a product's variants add up to: lowest price and the range, summed stock, the best state. */
function rollUp(
  variants: Variant[],
  currency: string | null,
): Pick<ProductInput, 'price' | 'priceMax' | 'compareAtPrice' | 'stock' | 'stockState' | 'currency'> {
  let cheapest: Variant | null = null;
  let priceMax: number | null = null;
  let stock: number | null = null;
  let state: StockState | null = null;
  for (const v of variants) {
    if (v.price !== null) {
      if (cheapest === null || v.price < cheapest.price!) cheapest = v;
      priceMax = Math.max(priceMax ?? v.price, v.price);
    }
    if (v.stock !== null) stock = (stock ?? 0) + Math.max(v.stock, 0);
    if (v.stockState && (state === null || STATE_ORDER.indexOf(v.stockState) < STATE_ORDER.indexOf(state)))
      state = v.stockState;
  }
  const price = cheapest?.price ?? null;
  return {
    price,
    priceMax: priceMax !== null && priceMax !== price ? priceMax : null,
    compareAtPrice: cheapest?.compareAtPrice ?? null,
    stock,
    stockState: state,
    currency: price === null ? null : currency,
  };
}
