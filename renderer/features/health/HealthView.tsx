import { useEffect } from 'react';
import type { ReactNode } from 'react';
import type { HealthReport, HealthProduct } from '../../../shared/health.ts';
import { CancelJobButton } from '../../components/CancelJobButton.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatCount, formatDate, formatDuration, formatPrice, percent } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';
import { useHealth } from '../../store/health-store.ts';
import { isRunning } from '../../store/jobs.ts';
import { CoverageSection } from './CoverageSection.tsx';
import { DuplicateClusters } from './DuplicateClusters.tsx';
import { FindingActions } from './FindingActions.tsx';
import { ReportList } from './ReportList.tsx';

type SectionProps = {
  id: string;
  title: string;
  count: number;
  catalogId: string;
  findingRef: string | null;
  note?: ReactNode;
  children?: ReactNode;
};

/** One report: its title and count, links to its products and its export, then its list. */
function Section({ id, title, count, catalogId, findingRef, note, children }: SectionProps) {
  return (
    <section className="card health-section" aria-labelledby={`health-${id}`} data-section={id}>
      <header className="health-section-header">
        <h2 id={`health-${id}`}>
          {title} <span className="health-count">{formatCount(count)}</span>
        </h2>
        <FindingActions catalogId={catalogId} findingRef={findingRef} />
      </header>
      {note && <p className="muted">{note}</p>}
      {count > 0 && children}
    </section>
  );
}

function ProductLine({ p, children }: { p: HealthProduct; children?: ReactNode }) {
  const openProduct = useApp((s) => s.openProduct);
  return (
    <button type="button" className="report-row" onClick={() => openProduct(p.id)}>
      <span className="sku">{p.id}</span>
      <span className="report-name">{p.name}</span>
      <span className="muted">{p.category ?? '—'}</span>
      <span className="report-detail">{children}</span>
    </button>
  );
}

function shown(total: number, items: number): ReactNode {
  return items < total
    ? `The first ${formatCount(items)} of ${formatCount(total)} are listed; the export has all.`
    : null;
}

function Progress({ catalogId }: { catalogId: string }) {
  const job = useApp((s) => s.jobs[catalogId]);
  if (!job || job.progress.kind !== 'health' || !isRunning(job)) return null;
  const { progress } = job;
  const pct = percent(progress.done, progress.total);
  return (
    <div className="health-progress" aria-label="Health check progress">
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="muted">
        {progress.phase === 'comparing' ? 'Comparing embeddings' : 'Checking products'}:{' '}
        {formatCount(progress.done)} / {formatCount(progress.total)} · ETA {formatDuration(progress.etaSec)}
      </span>
      <CancelJobButton jobId={progress.jobId} />
    </div>
  );
}

/** The counts at a glance; each card scrolls to its report. */
function Summary({ report }: { report: HealthReport }) {
  const cards: [id: string, label: string, count: number][] = [
    ['coverage', 'Incomplete fields', report.coverage.filter((c) => c.missing + c.thin > 0).length],
    ['duplicates', 'Near-duplicate clusters', report.duplicates.total],
    ['outliers', 'Price outliers', report.priceOutliers.total],
    ['zero', 'Zero prices', report.nonPositivePrices.total],
    ['values', 'Inconsistent values', report.inconsistencies.total],
    ['short', 'Short descriptions', report.shortDescriptions.total],
  ];
  return (
    <div className="stat-cards health-summary">
      {cards.map(([id, label, count]) => (
        <button
          key={id}
          type="button"
          className={`card stat${count > 0 ? ' has-findings' : ''}`}
          onClick={() => document.getElementById(`health-${id}`)?.scrollIntoView({ behavior: 'smooth' })}
        >
          <span className="stat-label">{label}</span>
          <span className="stat-value">{formatCount(count)}</span>
        </button>
      ))}
    </div>
  );
}

function Report({ catalogId, report }: { catalogId: string; report: HealthReport }) {
  const { duplicates, priceOutliers, nonPositivePrices, inconsistencies, identicalText, sameDescription } =
    report;
  return (
    <>
      <Summary report={report} />
      <Section
        id="coverage"
        title="Missing and thin data"
        count={report.coverage.filter((c) => c.missing + c.thin > 0).length}
        catalogId={catalogId}
        findingRef={null}
      >
        <CoverageSection report={report} />
      </Section>
      <Section
        id="short"
        title={`Descriptions under ${report.options.minWords} words`}
        count={report.shortDescriptions.total}
        catalogId={catalogId}
        findingRef={report.shortDescriptions.ref}
      />
      <Section
        id="duplicates"
        title="Near-duplicate products"
        count={duplicates.total}
        catalogId={catalogId}
        findingRef={duplicates.ref}
        note={[
          `Embeddings at least ${report.options.similarity} similar, confirmed by title, brand and price.`,
          duplicates.dismissedPairs > 0 &&
            ` ${formatCount(duplicates.dismissedPairs)} pairs marked “not duplicates” are left out.`,
          duplicates.notEmbedded > 0 &&
            ` ${formatCount(duplicates.notEmbedded)} products are not embedded yet and were not compared.`,
          shown(duplicates.total, duplicates.items.length) &&
            ` ${shown(duplicates.total, duplicates.items.length)}`,
        ]
          .filter(Boolean)
          .join('')}
      >
        <DuplicateClusters catalogId={catalogId} clusters={duplicates.items} />
      </Section>
      <Section
        id="outliers"
        title="Price outliers within their category"
        count={priceOutliers.total}
        catalogId={catalogId}
        findingRef={priceOutliers.ref}
        note={shown(priceOutliers.total, priceOutliers.items.length)}
      >
        <ReportList
          items={priceOutliers.items}
          label="Price outliers"
          estimate={40}
          itemKey={(o) => o.product.id}
          render={(o) => (
            <ProductLine p={o.product}>
              <strong>{formatPrice(o.product.price, o.product.currency)}</strong> · median{' '}
              {formatPrice(o.median, o.product.currency)} of {formatCount(o.peers)} ({o.direction})
            </ProductLine>
          )}
        />
      </Section>
      <Section
        id="zero"
        title="Zero prices"
        count={nonPositivePrices.total}
        catalogId={catalogId}
        findingRef={nonPositivePrices.ref}
      >
        <ReportList
          items={nonPositivePrices.items}
          label="Zero prices"
          estimate={40}
          itemKey={(p) => p.id}
          render={(p) => <ProductLine p={p}>{formatPrice(p.price, p.currency)}</ProductLine>}
        />
      </Section>
      <Section
        id="values"
        title="Inconsistent values"
        count={inconsistencies.total}
        catalogId={catalogId}
        findingRef={inconsistencies.ref}
        note="Spellings that are probably one value: case, punctuation, plurals, British spellings and written-out sizes differ."
      >
        <ReportList
          items={inconsistencies.items}
          label="Inconsistent values"
          estimate={44}
          itemKey={(g) => g.ref}
          render={(g) => (
            <div className="value-group">
              <span className="muted">{g.scope}</span>
              <span className="value-spellings">
                {g.values.map((v) => (
                  <span key={v.value} className="chip">
                    {v.value} <span className="muted">{formatCount(v.count)}</span>
                  </span>
                ))}
              </span>
              <FindingActions catalogId={catalogId} findingRef={g.ref} />
            </div>
          )}
        />
      </Section>
      {[
        { id: 'identical', title: 'Identical name and description', section: identicalText },
        { id: 'same-description', title: 'One description under different names', section: sameDescription },
      ].map(({ id, title, section }) => (
        <Section
          key={id}
          id={id}
          title={title}
          count={section.total}
          catalogId={catalogId}
          findingRef={section.ref}
        >
          <ReportList
            items={section.items}
            label={title}
            estimate={64}
            itemKey={(g) => g.ref}
            render={(g) => (
              <div className="text-group">
                <span className="clamp">{g.text}</span>
                <span className="muted">{g.products.map((p) => p.id).join(', ')}</span>
                <FindingActions catalogId={catalogId} findingRef={g.ref} />
              </div>
            )}
          />
        </Section>
      ))}
    </>
  );
}

/** The Health screen: runs the check as a job and shows its last report, kept until the catalog changes. */
export function HealthView({ catalogId }: { catalogId: string }) {
  const report = useHealth((s) => (s.catalogId === catalogId ? s.report : null));
  const loading = useHealth((s) => s.loading);
  const job = useApp((s) => s.jobs[catalogId]);
  const running = isRunning(job);
  const finished = job?.finished?.jobId;
  useEffect(() => {
    void useHealth.getState().load(catalogId);
  }, [catalogId, finished]);
  return (
    <div className="health-view">
      <div className="health-toolbar">
        <button
          type="button"
          className="button button-primary"
          disabled={running}
          onClick={() => void useHealth.getState().start(catalogId)}
        >
          {report ? 'Check again' : 'Check catalog health'}
        </button>
        {report && (
          <span className="muted" data-testid="health-summary">
            {formatCount(report.products)} products checked {formatDate(report.computedAt)} in{' '}
            {(report.tookMs / 1000).toFixed(1)} s
          </span>
        )}
        <Progress catalogId={catalogId} />
      </div>
      {report ? (
        <Report catalogId={catalogId} report={report} />
      ) : (
        !loading &&
        !running && (
          <EmptyState title="No health report yet">
            <p>
              The check finds missing and placeholder data, near-duplicate products, prices far from their
              category&apos;s, and values spelled several ways. It is kept until the catalog changes.
            </p>
          </EmptyState>
        )
      )}
    </div>
  );
}
