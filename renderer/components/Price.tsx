import { formatPrice, formatPriceRange, wasPrice } from './format.ts';

type PriceProps = {
  price: number | null;
  /** Only products have a range; a variant has one price. */
  priceMax?: number | null;
  compareAtPrice: number | null;
  currency: string | null;
};

/** What a buyer pays now, with the regular price struck through beside it while on sale. */
export function Price({ price, priceMax = null, compareAtPrice, currency }: PriceProps) {
  const was = wasPrice(price, compareAtPrice);
  return (
    <span className="price-line">
      <span className="price">{formatPriceRange(price, priceMax, currency)}</span>
      {was !== null && (
        <s className="compare-at" data-testid="compare-at">
          {/* Screen readers do not announce a strike-through; the words carry its meaning. */}
          <span className="visually-hidden">was </span>
          {formatPrice(was, currency)}
        </s>
      )}
    </span>
  );
}
