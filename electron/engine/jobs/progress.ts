import type { JobPhase, JobProgress } from '../../../shared/types.ts';

const MIN_RATE_WINDOW_SEC = 0.05;

export type ProgressSink = (p: JobProgress) => void;

/**
 * Turns counters into progress events with a smoothed rate and an ETA, at most a few per second so a
 * fast import does not flood the IPC channel.
 */
export class ProgressMeter {
  private readonly base: Pick<JobProgress, 'jobId' | 'catalogId' | 'kind'>;
  private readonly sink: ProgressSink;
  private phase: JobPhase = 'reading';
  private phaseStart = performance.now();
  private lastEmit = 0;
  private rate = 0;
  private lastDone = 0;
  private lastAt = performance.now();

  constructor(base: Pick<JobProgress, 'jobId' | 'catalogId' | 'kind'>, sink: ProgressSink) {
    this.base = base;
    this.sink = sink;
  }

  startPhase(phase: JobPhase): void {
    this.phase = phase;
    this.phaseStart = performance.now();
    this.rate = 0;
    this.lastDone = 0;
    this.lastAt = this.phaseStart;
    this.lastEmit = 0;
  }

  update(done: number, total: number, force = false, message?: string): void {
    const now = performance.now();
    if (!force && now - this.lastEmit < 200) return;
    const dt = (now - this.lastAt) / 1000;
    // Rates over a few milliseconds are noise (a forced update right after another): keep the last one.
    if (dt >= MIN_RATE_WINDOW_SEC && done > this.lastDone) {
      const instant = (done - this.lastDone) / dt;
      this.rate = this.rate === 0 ? instant : 0.7 * this.rate + 0.3 * instant;
      this.lastDone = done;
      this.lastAt = now;
    }
    const elapsed = (now - this.phaseStart) / 1000;
    if (this.rate === 0 && elapsed >= MIN_RATE_WINDOW_SEC) this.rate = done / elapsed;
    this.lastEmit = now;
    const etaSec = this.rate > 0 && total >= done ? Math.round((total - done) / this.rate) : null;
    this.sink({
      ...this.base,
      phase: this.phase,
      done,
      total,
      ratePerSec: Math.round(this.rate),
      etaSec,
      message,
    });
  }

  finish(phase: 'done' | 'cancelled' | 'failed', done: number, total: number, message?: string): void {
    this.phase = phase;
    this.sink({ ...this.base, phase, done, total, ratePerSec: Math.round(this.rate), etaSec: 0, message });
  }
}
