// What a health finding ref ("missing:field:brand", "duplicates#3") says, in words for a filter chip.

const NAMES: Record<string, string> = {
  'short-description': 'short descriptions',
  'identical-text': 'identical name and description',
  'same-description': 'one description, different names',
  duplicates: 'near-duplicates',
  'price-outlier': 'price outliers',
  'price-nonpositive': 'zero prices',
  values: 'inconsistent values',
};

export function findingLabel(ref: string): string {
  const coverage = /^(missing|thin):(field|attribute):(.+)$/s.exec(ref);
  if (coverage) {
    const [, presence, source, name] = coverage;
    const what = source === 'attribute' ? `attribute “${name}”` : name;
    return presence === 'missing' ? `${what} missing` : `${what} is a placeholder`;
  }
  const gap = /^option-gap:(.+)$/s.exec(ref);
  if (gap) return `variants without option “${gap[1]}”`;
  const grouped = /^(.+)#(\d+)$/.exec(ref);
  if (grouped) return `${NAMES[grouped[1]] ?? grouped[1]}, group ${grouped[2]}`;
  return NAMES[ref] ?? ref;
}
