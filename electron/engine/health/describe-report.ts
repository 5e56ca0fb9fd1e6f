import type { HealthReport } from '../../../shared/health.ts';

const n = (count: number) => count.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '0%');

/**
 * The report as a manager reads it in a terminal: each finding with its count and the filter that
 * lists its products (`--filter health=REF` on search and export).
 */
export function describeHealth(r: HealthReport): string {
  const lines: string[] = [`${n(r.products)} products checked in ${(r.tookMs / 1000).toFixed(1)} s`, ''];
  const ref = (value: string | null) => (value ? `  [health=${value}]` : '');
  lines.push('Missing and thin data:');
  for (const c of r.coverage) {
    if (c.missing === 0 && c.thin === 0) continue;
    const what = c.source === 'field' ? c.field : `${c.source} ${c.field}`;
    lines.push(`  ${what}: ${n(c.missing)} missing (${pct(c.missing, r.products)})${ref(c.missingRef)}`);
    if (c.thin > 0) lines.push(`  ${what}: ${n(c.thin)} placeholder values${ref(c.thinRef)}`);
  }
  lines.push(
    `  descriptions under ${r.options.minWords} words: ${n(r.shortDescriptions.total)}${ref(r.shortDescriptions.ref)}`,
    `  identical name and description: ${n(r.identicalText.total)} groups${ref(r.identicalText.ref)}`,
    `  one description under different names: ${n(r.sameDescription.total)} groups${ref(r.sameDescription.ref)}`,
    '',
    `Near-duplicates (similarity ≥ ${r.options.similarity}): ${n(r.duplicates.total)} clusters${ref(r.duplicates.ref)}`,
  );
  if (r.duplicates.notEmbedded > 0)
    lines.push(`  ${n(r.duplicates.notEmbedded)} products not embedded yet were not compared`);
  for (const c of r.duplicates.items.slice(0, 10)) {
    lines.push(
      `  ${c.products.map((p) => `${p.id} “${p.name}”`).join(' ~ ')}  (differ: ${c.differing.join(', ') || 'nothing'})`,
    );
  }
  lines.push(
    '',
    `Price outliers within their category: ${n(r.priceOutliers.total)}${ref(r.priceOutliers.ref)}`,
  );
  for (const o of r.priceOutliers.items.slice(0, 10)) {
    lines.push(
      `  ${o.product.id} “${o.product.name}” ${o.product.price} in ${o.category} (median ${o.median} of ${o.peers})`,
    );
  }
  lines.push(`Zero or negative prices: ${n(r.nonPositivePrices.total)}${ref(r.nonPositivePrices.ref)}`, '');
  lines.push(`Inconsistent values: ${n(r.inconsistencies.total)} groups${ref(r.inconsistencies.ref)}`);
  for (const g of r.inconsistencies.items.slice(0, 20)) {
    lines.push(`  ${g.scope}: ${g.values.map((v) => `“${v.value}” ${n(v.count)}`).join(', ')}${ref(g.ref)}`);
  }
  return `${lines.join('\n')}\n`;
}
