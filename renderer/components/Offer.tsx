import type { Product } from '../../shared/types.ts';
import { Price } from './Price.tsx';
import { StockBadge } from './StockBadge.tsx';

/** What a product and a search hit both say about buying it. */
type OfferFields = Pick<
  Product,
  'price' | 'priceMax' | 'compareAtPrice' | 'currency' | 'stockState' | 'stock'
>;

/** The price (range, struck-through regular price) and the stock badge of a product. */
export function Offer({ offer }: { offer: OfferFields }) {
  return (
    <>
      <Price
        price={offer.price}
        priceMax={offer.priceMax}
        compareAtPrice={offer.compareAtPrice}
        currency={offer.currency}
      />
      <StockBadge state={offer.stockState} stock={offer.stock} />
    </>
  );
}
