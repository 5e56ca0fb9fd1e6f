// How a product's variants read: which option columns they need, and one variant's options as words.
import type { Variant } from '../../../shared/types.ts';

/** Every option name in first-seen order; one variant may lack an option another has. */
export function optionNames(variants: readonly Variant[]): string[] {
  return [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
}

/** One variant's value under each option column; a dash where it has no such option. */
export function optionCells(variant: Variant, names: readonly string[]): string[] {
  return names.map((name) => variant.options[name] ?? '—');
}

/** "Color Green / Size M", in the file's order. */
export function optionsText(options: Readonly<Record<string, string>>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name} ${value}`)
    .join(' / ');
}

/**
 * The variant a search matched by its SKU, or null. The id comes from the hit the product was opened
 * from, so a re-import that dropped the variant leaves nothing to mark rather than a wrong row.
 */
export function findVariant(variants: readonly Variant[], id: string | null): Variant | null {
  return id === null ? null : (variants.find((v) => v.id === id) ?? null);
}
