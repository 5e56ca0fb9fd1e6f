import { useEffect, useRef, useState } from 'react';
import type { AttributeValue, Product, SearchHit } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { CategoryName } from '../../components/CategoryName.tsx';
import { Offer } from '../../components/Offer.tsx';
import { Price } from '../../components/Price.tsx';
import { useApp } from '../../store/app-store.ts';
import { MatchedVariantNote } from './MatchedVariantNote.tsx';
import { VariantTable } from './VariantTable.tsx';

type Loaded = { product: Product | null; similar: SearchHit[] | null };

const showValue = (value: AttributeValue) =>
  value === null ? '—' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);

function MoreLikeThis({ hits }: { hits: SearchHit[] | null }) {
  const openProduct = useApp((s) => s.openProduct);
  if (hits === null) return <p className="muted">Finding similar products…</p>;
  if (hits.length === 0) return <p className="muted">No similar products in this catalog.</p>;
  return (
    <ul className="similar-list">
      {hits.map((hit) => (
        <li key={hit.id}>
          <button type="button" className="similar" onClick={() => openProduct(hit.id)}>
            <span className="similar-name">{hit.name}</span>
            <span className="muted">
              {hit.id}
              {hit.category && (
                <>
                  {' · '}
                  <CategoryName path={hit.category} />
                </>
              )}
            </span>
            <Price
              price={hit.price}
              priceMax={hit.priceMax}
              compareAtPrice={hit.compareAtPrice}
              currency={hit.currency}
            />
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ProductPanel({ catalogId }: { catalogId: string }) {
  const productId = useApp((s) => s.productId);
  const matchedVariant = useApp((s) => s.productVariant);
  const { openProduct, report } = useApp.getState();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Closing the panel puts focus back where it was when the first product opened.
  const returnFocus = useRef<HTMLElement | null>(null);
  const open = productId !== null;
  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement as HTMLElement | null;
    return () => returnFocus.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!productId) return;
    let live = true;
    setLoaded(null);
    api
      .getProduct({ catalogId, id: productId })
      .then((product) => {
        if (!live) return;
        setLoaded({ product, similar: null });
        headingRef.current?.focus();
        if (product) return api.moreLikeThis({ catalogId, id: productId, limit: 12 });
      })
      .then((similar) => {
        if (live && similar)
          setLoaded((prev) => prev && { ...prev, similar: similar.hits.filter((h) => h.id !== productId) });
      })
      .catch((err: unknown) => {
        if (!live) return;
        report(err);
        setLoaded((prev) => prev && { ...prev, similar: prev.similar ?? [] });
      });
    return () => {
      live = false;
    };
  }, [catalogId, productId, report]);

  if (!productId) return null;
  const product = loaded?.product;
  return (
    <aside className="product-panel" aria-label="Product details">
      <div className="panel-top">
        <button
          type="button"
          className="icon-button"
          aria-label="Close product details"
          onClick={() => openProduct(null)}
        >
          ×
        </button>
      </div>
      {!loaded && <p className="muted">Loading {productId}…</p>}
      {loaded && !product && <p>Product “{productId}” is no longer in this catalog.</p>}
      {product && (
        <>
          <h2 ref={headingRef} tabIndex={-1} className="product-name">
            {product.name}
          </h2>
          <p className="product-sub">
            <span className="sku">{product.id}</span>
            <Offer offer={product} />
          </p>
          <MatchedVariantNote variants={product.variants} matchedId={matchedVariant} />
          {product.description && <p className="product-description">{product.description}</p>}
          {product.variants.length > 0 && (
            <VariantTable
              variants={product.variants}
              currency={product.currency}
              matchedId={matchedVariant}
            />
          )}
          <dl className="fields">
            {(
              [
                ['Category', product.category],
                ['Brand', product.brand],
                ['Season', product.season],
                ['Stock', product.stock],
                ['Currency', product.currency],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{showValue(value)}</dd>
              </div>
            ))}
            {Object.entries(product.attributes).map(([key, value]) => (
              <div key={`attr-${key}`}>
                <dt>{key}</dt>
                <dd>{showValue(value)}</dd>
              </div>
            ))}
          </dl>
          <section className="more-like-this" aria-label="More like this">
            <h3>More like this</h3>
            <MoreLikeThis hits={loaded.similar} />
          </section>
        </>
      )}
    </aside>
  );
}
