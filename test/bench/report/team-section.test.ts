import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../../bench/lib/results.ts';
import { teamSection } from '../../../bench/report/team-section.ts';
import type { TeamCatalogRun } from '../../../bench/stages/team-catalog.ts';

const run = (shareOpen: number, syncSec: number): TeamCatalogRun => ({
  label: '100k',
  products: 100_000,
  setupSec: 140,
  publish: { sec: 20, bytesSent: 170_000_000, inserted: 100_000 },
  open: { sec: shareOpen, vectors: 100_000, embedded: 0 },
  shareSec: 20 + shareOpen,
  changed: { updated: 800, inserted: 100, removed: 100 },
  republish: { sec: 1.2, bytesSent: 650_000, updated: 800, inserted: 100, removed: 100 },
  sync: { sec: syncSec, vectors: 400, embedded: 0 },
  changedProductFound: true,
  measuredAt: '2026-12-07T12:40:00.000Z',
  commit: 'abc1234',
  machine: { cpu: 'AMD EPYC', cores: 2, memoryGb: 24, os: 'Linux', node: 'v22', loadAtStart: 3 },
  tookSec: 300,
});

const results = (team: BenchResults['team']) => ({ team }) as BenchResults;

describe('the team-catalog section of BENCHMARKS.md', () => {
  it('holds publish + open to 60 s and the sync to 2 s', () => {
    const met = teamSection(results({ runs: [run(25, 0.8)] }));
    expect(met).toMatch(/\| 100k \| publish \+ open \| 45 s \| goal ≤ 60 s \| ✅ met \|/);
    expect(met).toMatch(
      /\| 100k \| incremental sync \| 0\.8 s \| 400 vectors received, 0 embedded; goal ≤ 2 s \| ✅ met \|/,
    );
    expect(met).toContain('650 kB sent');
    expect(met).toContain('170.0 MB sent');
    const missed = teamSection(results({ runs: [run(45, 2.5)] }));
    expect(missed).toMatch(/\| publish \+ open \| 65 s \| goal ≤ 60 s \| ❌ missed \|/);
    expect(missed).toMatch(/\| incremental sync \| 2\.5 s \|.*\| ❌ missed \|/);
  });

  it('says why it was not measured, and nothing when the results predate it', () => {
    expect(teamSection(results({ skipped: 'not run (--only shopify)' }))).toContain(
      'Not measured in this run: not run (--only shopify).',
    );
    expect(teamSection(results(undefined))).toBe('');
  });
});
