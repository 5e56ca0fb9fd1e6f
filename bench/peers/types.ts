import type { LatencyStats } from '../lib/timing.ts';

/** Query modes measured on every engine that supports them; `+filter` adds in-stock and a price cap. */
export type QueryKind =
  'hybrid' | 'keyword' | 'semantic' | 'hybrid+filter' | 'keyword+filter' | 'semantic+filter' | 'ann';

export interface PeerResult {
  name: string;
  version: string | null;
  skipped: string | null;
  /** Time to build every index it searches from the in-memory rows and vectors. */
  buildMs: number | null;
  queries: Partial<Record<QueryKind, LatencyStats>>;
  /** ANN recall@10 against exact search, where the peer has an ANN index. */
  recall10: number | null;
  /** The same, counting neighbours tied with the exact 10th as correct. */
  recall10Ties?: number | null;
  notes: string[];
}

export function skippedPeer(name: string, reason: string): PeerResult {
  process.stderr.write(`peer ${name} skipped: ${reason}\n`);
  return { name, version: null, skipped: reason, buildMs: null, queries: {}, recall10: null, notes: [] };
}
