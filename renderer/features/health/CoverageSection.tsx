import type { FieldCoverage, HealthReport } from '../../../shared/health.ts';
import { formatCount } from '../../components/format.ts';
import { openFinding } from './open-finding.ts';
import { ReportList } from './ReportList.tsx';

const SOURCE_LABEL: Record<FieldCoverage['source'], string> = {
  field: 'field',
  attribute: 'attribute',
  option: 'variant option',
};

function CoverageRow({ c, products }: { c: FieldCoverage; products: number }) {
  const whole = c.source === 'option' ? c.filled + c.missing : products;
  const filledPct = whole > 0 ? (100 * c.filled) / whole : 0;
  return (
    <div className="coverage-row" data-field={c.field}>
      <span className="coverage-name">
        {c.field} <span className="muted">{SOURCE_LABEL[c.source]}</span>
      </span>
      <span className="coverage-bar" aria-hidden="true">
        <span className="coverage-fill" style={{ width: `${filledPct}%` }} />
      </span>
      <span className="coverage-counts">
        {c.missingRef ? (
          <button type="button" className="link-button" onClick={() => openFinding(c.missingRef as string)}>
            {formatCount(c.missing)} missing
          </button>
        ) : (
          <span className="muted">complete</span>
        )}
        {c.thinRef && (
          <button type="button" className="link-button" onClick={() => openFinding(c.thinRef as string)}>
            {formatCount(c.thin)} placeholders
          </button>
        )}
      </span>
    </div>
  );
}

/** Per field, attribute and variant option: how many products have it, lack it, or hold "n/a". */
export function CoverageSection({ report }: { report: HealthReport }) {
  const gaps = report.coverage.filter((c) => c.missing > 0 || c.thin > 0);
  return (
    <>
      <p className="muted">
        {formatCount(gaps.length)} of {formatCount(report.coverage.length)} fields and attributes are
        incomplete.
      </p>
      <ReportList
        items={report.coverage}
        label="Field coverage"
        estimate={34}
        itemKey={(c) => `${c.source}:${c.field}`}
        render={(c) => <CoverageRow c={c} products={report.products} />}
      />
    </>
  );
}
