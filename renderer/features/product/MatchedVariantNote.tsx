import type { Variant } from '../../../shared/types.ts';
import { findVariant, optionsText } from './variants.ts';

/** Says which variant the search found, so a SKU search does not look like a match on the whole product. */
export function MatchedVariantNote({
  variants,
  matchedId,
}: {
  variants: readonly Variant[];
  matchedId: string | null;
}) {
  const variant = findVariant(variants, matchedId);
  if (!variant) return null;
  const options = optionsText(variant.options);
  return (
    <p className="matched-note">
      Found by variant SKU <span className="sku">{variant.id}</span>
      {options && ` (${options})`}
    </p>
  );
}
