import { describe, expect, it } from 'vitest';
import { ratios, reading, renderMarkdown } from '../../../bench/report/markdown.ts';
import { results, size } from './fixture.ts';

describe('renderMarkdown', () => {
  const r = results([size('10k', 10_000, 4), size('100k', 100_000, 8)]);
  const md = renderMarkdown(r, {
    results: 'docs/bench/results.json',
    latency: 'docs/bench/latency.png',
    ndcg: null,
  });

  it('puts machine, commit and model in the header', () => {
    expect(md).toContain('test cpu, 2 cores');
    expect(md).toContain('abc1234');
    expect(md).toContain('use-lite 1 (512-d)');
  });

  it('has a row per size and says why a peer was skipped', () => {
    expect(md).toMatch(/\| 10k \(10,000\) \|/);
    expect(md).toMatch(/\| 100k \(100,000\) \|/);
    expect(md).toContain('skipped: not installed');
    expect(md).toContain('![latency vs catalog size](docs/bench/latency.png)');
    expect(md).not.toContain('NDCG@10 per mode](');
  });

  it('shows FTS5 alone ranking the matches, and walking them unscored with their median count', () => {
    expect(md).toContain('| 100k | FTS5 alone: every word, bm25, top 100 (no search around it) | 0.5 |');
    expect(md).toContain(
      '| 100k | FTS5 alone: the same matches walked, no bm25 (median 2,000 per query) | 0.1 |',
    );
  });
});

describe('ANN graph levers', () => {
  it("bolds the pair the run's engine used, read from that run's ANN parameters", () => {
    const r = results([size('100k', 100_000, 8)]);
    const params = r.sizes[0].ann.params;
    const row = (connectivity: number, expansionAdd: number) => ({
      connectivity,
      expansionAdd,
      recall10: 0.98,
      recall10Ties: 0.99,
      p50Ms: 0.6,
      buildMs: 7_000,
      fileBytes: 100e6,
    });
    r.annGraphLevers = {
      size: '100k',
      rows: [row(params.connectivity, params.expansionAdd), row(params.connectivity + 2, 64)],
    };
    const md = renderMarkdown(r, { results: 'r.json', latency: 'l.png', ndcg: null });
    expect(md).toContain('USearch graph parameters on the 100k catalog');
    expect(md).toContain(
      `| **${params.connectivity}** | **${params.expansionAdd}** | 0.98 | 0.99 | 0.6 | 7.0 s |`,
    );
    expect(md).toContain(`| ${params.connectivity + 2} | 64 | 0.98 |`);
  });
});

describe('relevance levers', () => {
  const lever = (setting: string, engine: boolean, extra = {}) => ({
    lever: 'word repair' as const,
    setting,
    queries: 'one typo' as const,
    mode: 'hybrid' as const,
    dev: engine ? 0.66 : 0.22,
    holdout: engine ? 0.56 : 0.25,
    engine,
    changedQueries: 113,
    ...extra,
  });
  const render = (r: ReturnType<typeof results>) =>
    renderMarkdown(r, { results: 'r.json', latency: 'l.png', ndcg: null });

  it('shows each setting with the engine one in bold and how many queries the typing form changed', () => {
    const r = results([size('10k', 10_000, 4)]);
    r.relevanceLevers = [lever('completed and corrected', true), lever('as typed', false)];
    const md = render(r);
    expect(md).toContain(
      '| word repair | **completed and corrected** | one typo (113 changed) | hybrid | 0.66 | 0.56 |',
    );
    expect(md).toContain('| word repair | as typed | one typo (113 changed) | hybrid | 0.22 | 0.25 |');
  });

  it('renders results written before the relevance levers existed', () => {
    const md = render(results([size('10k', 10_000, 4)]));
    expect(md).not.toContain('Relevance levers on Icecat');
    expect(md).toContain('Not measured in this run (add `--levers`).');
  });
});

describe('ratios', () => {
  it('is Shelfscope ÷ peer for throughput and peer ÷ Shelfscope for build time', () => {
    const s = size('100k', 100_000, 8);
    const rows = ratios(s, s.peers[0]);
    expect(rows).toContainEqual(['Orama', 'hybrid query throughput', '4.03×']);
    const build = rows.find((x) => x[1].startsWith('build speed'));
    expect(build?.[2]).toBe(`${(200_000 / (20_000 + 30_000)).toFixed(2)}×`);
    expect(ratios(s, s.peers[1])).toEqual([]);
  });
});

describe('reading', () => {
  it('compares the whole import with the bare model only when both ran in this run', () => {
    const line = (reused: boolean) =>
      reading(results([size('100k', 100_000, 8, { endToEndReused: reused })])).find((l) =>
        l.includes('whole import'),
      );
    // 200 texts/s in the import against the bare model's 220.
    expect(line(false)).toContain('(9.1 % below the bare model');
    expect(line(true)).toContain('not compared with this run');
    expect(line(true)).not.toContain('% below the bare model');
    const floor = (reused: boolean) =>
      reading(results([size('100k', 100_000, 8, { endToEndReused: reused })])).some((l) =>
        l.includes('sets the floor'),
      );
    expect([floor(false), floor(true)]).toEqual([true, false]);
  });
});

describe('relevance on the fashion catalogs and the levers measured by hand', () => {
  const links = { results: 'r.json', latency: 'l.png', ndcg: null };
  const row = (mode: 'keyword' | 'hybrid', ndcg10: number) => ({
    split: 'all',
    mode,
    ndcg10,
    ndcg10Judged: ndcg10,
    ndcg10NoRejected: ndcg10,
    unjudgedTop10: 0,
    ceiling: 1,
    recall50: 0.5,
    queries: 10,
    p50Ms: 2,
  });

  it('tables each fashion catalog per mode, and includes the hand-kept levers after the swept ones', () => {
    const r = results([size('10k', 10_000, 4)]);
    r.fashionRelevance = [
      { catalog: 'Hermes', products: 99, rows: [row('keyword', 0.7), row('hybrid', 0.75)] },
    ];
    const md = renderMarkdown(r, links, '### Levers measured by hand\n\n| lever | dev |');
    expect(md).toContain('| Hermes | 99 | keyword | 0.7 | 0.5 | 10 | 2 |');
    expect(md).toContain('| Hermes | 99 | hybrid | 0.75 | 0.5 | 10 | 2 |');
    expect(md.indexOf('### Levers measured by hand')).toBeGreaterThan(md.indexOf('## Levers'));
    expect(md.indexOf('### Levers measured by hand')).toBeLessThan(md.indexOf('## Charts'));
  });

  it('has no fashion section in results written before it was measured', () => {
    const md = renderMarkdown(results([size('10k', 10_000, 4)]), links);
    expect(md).not.toContain('Fashion catalogs');
  });
});
