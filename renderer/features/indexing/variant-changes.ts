import type { ImportResult } from '../../../shared/types.ts';
import { formatCount } from '../../components/format.ts';

type VariantChanges = NonNullable<ImportResult['variantChanges']>;

/** "15 added, 2 removed": the variant counts that are not zero, or null when no variant was seen. */
export function variantChangesText(changes: VariantChanges | undefined): string | null {
  if (!changes) return null;
  const parts = (['added', 'updated', 'unchanged', 'removed'] as const)
    .filter((key) => changes[key] > 0)
    .map((key) => `${formatCount(changes[key])} ${key}`);
  return parts.length > 0 ? parts.join(', ') : null;
}
