import { mean, percentile } from './metrics.ts';

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Sequential queries per second (1000 / mean latency). */
  qps: number;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function latencyStats(samples: number[]): LatencyStats {
  const m = mean(samples);
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    mean: round(m),
    qps: m > 0 ? round(1000 / m, 1) : 0,
  };
}

/** Runs `fn` once per input, one at a time, and returns the wall time of each call in ms. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await fn(input);
    out.push(performance.now() - started);
  }
  return out;
}

export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}
