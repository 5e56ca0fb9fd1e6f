import { describe, expect, it } from 'vitest';
import { leverFindings } from '../../../bench/report/findings.ts';
import { latency, results, size } from './fixture.ts';

describe('leverFindings', () => {
  it('compares one multi-threaded session with a single-threaded session per core', () => {
    const r = results([size('100k', 100_000, 8)]);
    const arm = (sessions: number, intraOpThreads: number, textsPerSec: number, addedRssMb: number) => ({
      sessions,
      intraOpThreads,
      batchSize: 16,
      texts: 3000,
      rounds: [textsPerSec],
      textsPerSec,
      addedRssMb,
    });
    r.parallelEmbedding = [arm(1, 2, 1000, 60), arm(2, 1, 1100, 110)];
    expect(leverFindings(r).join('\n')).toContain(
      '2 single-threaded sessions ran 1100 texts/s against 1000 for one session with 2 threads (10 %), for 110 against 60 MiB',
    );
  });

  it('names the graph parameters that keep the recall goal, and those below it', () => {
    const r = results([size('100k', 100_000, 8)]);
    const row = (connectivity: number, expansionAdd: number, recall10: number, buildMs: number) => ({
      connectivity,
      expansionAdd,
      recall10,
      recall10Ties: recall10,
      p50Ms: 0.5,
      buildMs,
      fileBytes: 1e8,
    });
    r.annGraphLevers = {
      size: '100k',
      rows: [row(14, 64, 0.979, 6_000), row(14, 80, 0.984, 7_000), row(14, 96, 0.987, 8_000)],
    };
    const text = leverFindings(r).join('\n');
    expect(text).toContain(
      'recall@10 ≥ 0.98 with 14 / 80 (0.984), 14 / 96 (0.987); below it with 14 / 64 (0.979)',
    );
  });

  it('compares repaired and as-typed words on each kind of typed query', () => {
    const r = results([size('100k', 100_000, 8)]);
    const lever = (queries: 'one typo' | 'last word cut', engine: boolean, dev: number) => ({
      lever: 'word repair' as const,
      setting: engine ? 'completed and corrected' : 'as typed',
      queries,
      mode: 'hybrid' as const,
      dev,
      holdout: dev - 0.1,
      engine,
      changedQueries: 100,
    });
    r.relevanceLevers = [lever('one typo', true, 0.66), lever('one typo', false, 0.22)];
    const text = leverFindings(r).join('\n');
    expect(text).toContain('one slip (100 of them changed): hybrid NDCG@10 0.66 / 0.56');
    expect(text).toContain('0.22 / 0.12 with the words as typed');
    expect(text).not.toContain('last word cut short');
  });

  it('names the first ef_search that reaches the recall goal', () => {
    const r = results([size('100k', 100_000, 8)]);
    r.annLevers = [
      { quantization: 'f16', efSearch: 64, recall10: 0.95, p50Ms: 0.1, buildMs: null, fileBytes: null },
      { quantization: 'f16', efSearch: 128, recall10: 0.981, p50Ms: 0.2, buildMs: null, fileBytes: null },
      { quantization: 'f16', efSearch: 256, recall10: 0.99, p50Ms: 0.3, buildMs: null, fileBytes: null },
    ];
    expect(leverFindings(r).join('\n')).toContain('first reaches 0.981 at ef 128');
  });

  it('flags filtered search only when it is much slower than unfiltered', () => {
    // Filtered just under 3× unfiltered: every figure the rule reads is present, and it stays quiet.
    const fast = size('100k', 100_000, 8, {
      search: {
        hybrid: latency(8),
        semantic: latency(5),
        'hybrid+filter': latency(20),
        'semantic+filter': latency(14),
      },
    });
    expect(leverFindings(results([fast])).join('\n')).not.toContain('Filters are the slow path');
    const slow = size('100k', 100_000, 8, {
      search: {
        hybrid: latency(8),
        semantic: latency(5),
        'hybrid+filter': latency(150),
        'semantic+filter': latency(200),
      },
    });
    expect(leverFindings(results([slow])).join('\n')).toContain('semantic p50 5 → 200 ms');
  });
});
