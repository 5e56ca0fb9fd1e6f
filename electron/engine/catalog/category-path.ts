import type { CategoryRules } from './profiles/profile.ts';

/** Level separators every file may use; a bare `/` only where the platform says so (Magento). */
const SEPARATORS = ['>', '|', ' / '];

function levels(path: string, separators: string[], dropRoots: Set<string>): string[] {
  let parts = [path];
  for (const sep of separators) parts = parts.flatMap((p) => p.split(sep));
  const out = parts.map((p) => p.trim()).filter((p) => p !== '');
  while (out.length > 1 && dropRoots.has(out[0].toLowerCase())) out.shift();
  return out;
}

/**
 * A category cell as one path written `A > B > C`. A cell holding several paths (Magento's
 * `Default Category/Men,Default Category/Men/Tops`) keeps the deepest, without the roots that say
 * nothing.
 */
export function categoryPath(raw: string, rules: CategoryRules = {}): string | null {
  const separators = [...SEPARATORS, ...(rules.separators ?? [])];
  const dropRoots = new Set((rules.dropRoots ?? []).map((r) => r.toLowerCase()));
  const paths = rules.multiple ? raw.split(rules.multiple) : [raw];
  let deepest: string[] = [];
  for (const p of paths) {
    const l = levels(p, separators, dropRoots);
    if (l.length > deepest.length) deepest = l;
  }
  return deepest.length === 0 ? null : deepest.join(' > ');
}

/** The last level of a path: what a facet shows. */
export function categoryLeaf(path: string): string {
  const i = path.lastIndexOf(' > ');
  return i < 0 ? path : path.slice(i + 3);
}
