import { useEffect, useRef } from 'react';
import type { Variant } from '../../../shared/types.ts';
import { Price } from '../../components/Price.tsx';
import { StockBadge } from '../../components/StockBadge.tsx';
import { formatCount, formatCountOf } from '../../components/format.ts';
import { optionCells, optionNames } from './variants.ts';

type VariantTableProps = {
  variants: readonly Variant[];
  currency: string | null;
  /** The variant the search named by its SKU, marked so the manager sees why the product matched. */
  matchedId: string | null;
};

export function VariantTable({ variants, currency, matchedId }: VariantTableProps) {
  const names = optionNames(variants);
  const box = useRef<HTMLDivElement>(null);
  const matchedRow = useRef<HTMLTableRowElement>(null);
  // The table scrolls on its own, so a matched variant far down the list would be out of sight. Only the
  // table scrolls to it: scrollIntoView would move the whole panel away from the product's name.
  useEffect(() => {
    const row = matchedRow.current;
    if (row && box.current) box.current.scrollTop = Math.max(0, row.offsetTop - box.current.clientHeight / 2);
  }, [matchedId, variants]);
  return (
    <div ref={box} className="table-scroll variant-table">
      <table data-testid="variant-table">
        <caption>{formatCountOf(variants.length, 'variant')}</caption>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
            <th scope="col">SKU</th>
            <th scope="col">Price</th>
            <th scope="col" className="num">
              Stock
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v) => {
            const matched = v.id === matchedId;
            return (
              <tr
                key={v.id}
                ref={matched ? matchedRow : undefined}
                className={matched ? 'matched' : undefined}
                aria-current={matched ? 'true' : undefined}
                data-testid={matched ? 'matched-variant' : undefined}
              >
                {optionCells(v, names).map((value, i) => (
                  <td key={names[i]}>{value}</td>
                ))}
                <td>
                  <span className="sku">{v.id}</span>
                  {matched && <span className="tag">matched</span>}
                </td>
                <td>
                  <Price price={v.price} compareAtPrice={v.compareAtPrice} currency={currency} />
                </td>
                <td className="num">{v.stock === null ? '—' : formatCount(v.stock)}</td>
                <td>
                  {/* The stock column already gives the quantity. */}
                  <StockBadge state={v.stockState} stock={null} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
