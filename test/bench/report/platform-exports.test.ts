import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../bench/report/markdown.ts';
import { platformExportSections, rssGrowth } from '../../../bench/report/platform-exports.ts';
import type { BenchResults } from '../../../bench/lib/results.ts';
import { withStages } from '../../../bench/lib/results.ts';
import { results, shopifyRun, size, xmlRun } from './fixture.ts';

const failure = (label: string, failed: string) => ({
  label,
  failed,
  measuredAt: '2026-12-07T10:00:00.000Z',
  commit: 'def5678',
  machine: { cpu: 'test cpu', cores: 2, memoryGb: 8, os: 'Linux', node: 'v22', loadAtStart: 3 },
  tookSec: 40,
});

/** The sections for a run that measured only what `stages` holds. */
const sectionsOf = (stages: Pick<BenchResults, 'shopify' | 'xmlFeed'>) =>
  platformExportSections({ ...results([size('100k', 100_000, 8)]), ...stages });

describe('platform export sections', () => {
  it('shows the Shopify run: rows, variants, read + store, file → searchable, memory, disk, and that counts held', () => {
    const md = sectionsOf({ shopify: { runs: [shopifyRun(100_000)] } });
    expect(md).toContain('## Platform export: Shopify product CSV');
    expect(md).toContain(
      '| 100k (100,000) | 150.0 MB | 310,000 (300,000 + 10,000) | 280,000 | 30.0 s (30.5 s) | 10,333 | 200 MiB | 300.0 MB | 121.3 s | 380 MiB | 470.0 MB (350.0 MB + 120.0 MB) |',
    );
    expect(md).toContain(
      'stored exactly the generated 100,000 products and 280,000 variants, rejecting none',
    );
    expect(md).toContain(
      'Measured on test cpu, 2 cores, 8 GB RAM, Linux, Node v22, commit abc1234: 100k at 2026-12-07 09:00 UTC (load average 1.5 at start, 120 s in all).',
    );
    expect(md).toContain('times are noisy');
  });

  it('names the machine and commit of each run when the runs differ in them', () => {
    const later = {
      ...xmlRun(1024, 210),
      commit: 'def5678',
      machine: { ...xmlRun(1024, 210).machine, cores: 4 },
    };
    const md = sectionsOf({ xmlFeed: { runs: [xmlRun(256, 200), later] } });
    expect(md).toContain(
      'Measured: 256 MiB at 2026-12-07 09:00 UTC (test cpu, 2 cores, 8 GB RAM, Linux, Node v22, commit abc1234, load',
    );
    expect(md).toContain(
      '1024 MiB at 2026-12-07 09:00 UTC (test cpu, 4 cores, 8 GB RAM, Linux, Node v22, commit def5678, load',
    );
  });

  it('shows the feed at both sizes and judges whether peak RSS stayed flat', () => {
    const md = sectionsOf({ xmlFeed: { runs: [xmlRun(256, 200), xmlRun(1024, 210)] } });
    expect(md).toContain('## Platform export: Google Merchant XML feed');
    expect(md).toContain(
      '| 1024 MiB | 1024 MiB (1073.7 MB) | 921,600 | 552,960 | 506,880 | 204.8 s (205.3 s) | 5 |',
    );
    expect(md).toContain(
      'Peak RSS 210 MiB for the 1024 MiB feed against 200 MiB for the 256 MiB one: 1.05× for 4.0× the file (flat: within 15 %).',
    );
    expect(rssGrowth([xmlRun(1024, 400), xmlRun(256, 200)])).toContain(
      '2.00× for 4.0× the file (it grows with the file: not flat)',
    );
    expect(rssGrowth([xmlRun(1024, 400)])).toBeNull();
  });

  it('writes a failed run as failed, with its reason, and a skipped stage as not measured', () => {
    const r = results([]);
    r.shopify = {
      runs: [failure('100k', 'shopify-100k.csv: variants: generated 7, catalog holds 6 | more')],
    };
    r.xmlFeed = { skipped: 'not requested (--no-xml)' };
    const md = platformExportSections(r);
    expect(md).toContain(
      '| 100k | **failed:** shopify-100k.csv: variants: generated 7, catalog holds 6 \\| more |',
    );
    expect(md).toContain('Not measured in this run: not requested (--no-xml).');
  });

  it('leaves both out of results written before they were measured, and places them after the scale table', () => {
    const old = results([size('100k', 100_000, 8)]);
    expect(platformExportSections(old)).toBe('');
    const md = renderMarkdown(withStages(old, { shopify: { runs: [shopifyRun(2000)] } }), {
      results: 'r.json',
      latency: 'l.png',
      ndcg: null,
    });
    const at = (s: string) => md.indexOf(s);
    expect(at('## Scale:')).toBeLessThan(at('## Platform export: Shopify'));
    expect(at('## Platform export: Shopify')).toBeLessThan(at('## Search latency'));
    expect(md).not.toContain('## Platform export: Google Merchant');
  });
});

describe('withStages', () => {
  it("adds an --only run's stages to earlier results and keeps everything else", () => {
    const base = results([size('100k', 100_000, 8)]);
    base.xmlFeed = { runs: [xmlRun(256, 200)] };
    const merged = withStages(base, { shopify: { runs: [shopifyRun(2000)] }, xmlFeed: undefined });
    expect(merged.sizes).toBe(base.sizes);
    expect(merged.xmlFeed).toBe(base.xmlFeed);
    expect(merged.shopify).toEqual({ runs: [shopifyRun(2000)] });
    expect(merged.generatedAt).toBe(base.generatedAt);
  });

  it('replaces relevance with what an --only relevance run measured, and keeps levers it did not measure', () => {
    const base = results([size('100k', 100_000, 8)]);
    const fresh = { catalog: 'Icecat', rows: [] };
    const merged = withStages(base, { relevance: fresh, relevanceLevers: [], fashionRelevance: undefined });
    expect(merged.relevance).toBe(fresh);
    expect(merged.relevanceLevers).toBe(base.relevanceLevers);
    expect(merged.sizes).toBe(base.sizes);
  });
});
