import { describe, expect, it } from 'vitest';
import { leverFindings } from '../../../bench/report/findings.ts';
import { latency, results, size } from './fixture.ts';

describe('leverFindings', () => {
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
