import type { DuplicateCluster, HealthProduct } from '../../../shared/health.ts';
import { formatPrice } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';
import { useHealth } from '../../store/health-store.ts';
import { FindingActions } from './FindingActions.tsx';
import { ReportList } from './ReportList.tsx';

const FIELDS: { key: keyof HealthProduct; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'brand', label: 'Brand' },
  { key: 'category', label: 'Category' },
  { key: 'price', label: 'Price' },
  { key: 'stock', label: 'Stock' },
  { key: 'description', label: 'Description' },
];

function fieldText(p: HealthProduct, key: keyof HealthProduct): string {
  if (key === 'price') return p.price === null ? '—' : formatPrice(p.price, p.currency);
  const value = p[key];
  return value === null || value === undefined ? '—' : String(value);
}

/** Every pair of the cluster's products, or of one product with the others: what "not duplicates" records. */
function pairsOf(ids: string[], one?: string): [string, string][] {
  if (one) return ids.filter((id) => id !== one).map((id): [string, string] => [one, id]);
  return ids.flatMap((a, i) => ids.slice(i + 1).map((b): [string, string] => [a, b]));
}

function Cluster({ catalogId, cluster }: { catalogId: string; cluster: DuplicateCluster }) {
  const openProduct = useApp((s) => s.openProduct);
  const dismiss = useHealth((s) => s.dismiss);
  const ids = cluster.products.map((p) => p.id);
  const differing = new Set(cluster.differing);
  const attributes = cluster.differing.filter((f) => !FIELDS.some((x) => x.key === f));
  return (
    <article className="card cluster" aria-label={`Near-duplicates ${ids.join(', ')}`}>
      <header className="cluster-header">
        <span>
          {cluster.products.length} products · similarity ≥ {cluster.similarity.toFixed(3)}
        </span>
        <span className="finding-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => void dismiss(catalogId, pairsOf(ids))}
          >
            Not duplicates
          </button>
          <FindingActions catalogId={catalogId} findingRef={cluster.ref} />
        </span>
      </header>
      <div className="side-by-side">
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {cluster.products.map((p) => (
                <th scope="col" key={p.id}>
                  <div className="cluster-product-head">
                    <button type="button" className="link-button sku" onClick={() => openProduct(p.id)}>
                      {p.id}
                    </button>
                    {cluster.products.length > 2 && (
                      <button
                        type="button"
                        className="link-button muted"
                        onClick={() => void dismiss(catalogId, pairsOf(ids, p.id))}
                      >
                        not a duplicate
                      </button>
                    )}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => (
              <tr key={f.key} className={differing.has(f.key) ? 'differs' : undefined}>
                <th scope="row">{f.label}</th>
                {cluster.products.map((p) => (
                  <td key={p.id}>
                    {f.key === 'description' ? (
                      <div className="clamp">{fieldText(p, f.key)}</div>
                    ) : (
                      fieldText(p, f.key)
                    )}
                  </td>
                ))}
              </tr>
            ))}
            {attributes.map((a) => (
              <tr key={a} className="differs">
                <th scope="row">{a}</th>
                {cluster.products.map((p) => (
                  <td key={p.id}>{p.attributes[a] ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** Near-duplicate clusters side by side, the fields that differ marked; "not duplicates" is remembered. */
export function DuplicateClusters({
  catalogId,
  clusters,
}: {
  catalogId: string;
  clusters: DuplicateCluster[];
}) {
  return (
    <ReportList
      items={clusters}
      label="Near-duplicate clusters"
      estimate={260}
      itemKey={(c) => c.ref}
      render={(c) => <Cluster catalogId={catalogId} cluster={c} />}
    />
  );
}
