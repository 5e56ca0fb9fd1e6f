// What the import reads, in the words the import screen uses. The engine recognises the platform
// exports by their header; everything else goes through the generic column detection.
import type { ColumnMapping } from '../../../shared/types.ts';

export const SUPPORTED_PLATFORMS =
  'Shopify, WooCommerce CSV & WXR, Magento 2, PrestaShop, BigCommerce and Google Merchant TSV/XML exports';

export const SUPPORTED_FORMATS = 'any CSV, TSV, JSON, JSONL or XLSX file';

/** Whether the user changed the mapping the preview came with (so "restore" has something to do). */
export function mappingEdited(detected: ColumnMapping, current: ColumnMapping): boolean {
  const keys = new Set([...Object.keys(detected), ...Object.keys(current)]) as Set<keyof ColumnMapping>;
  return [...keys].some((key) => detected[key] !== current[key]);
}
