// Parallel embedding: the same texts through one ONNX session with an intra-op thread per core, or
// through one single-threaded session per core, each in its own worker thread with a share of the
// texts. Both arms run in workers, so they pay the same thread and isolate costs; the rounds
// alternate, so a swing of the machine's speed falls on both.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DEFAULT_BATCH_SIZE } from '../../electron/engine/embed/index.ts';
import { EMBED_TEXT_CHARS } from '../../electron/engine/jobs/embedding-text.ts';
import type { EmbedWorkerData } from '../lib/embed-worker.ts';
import { median } from '../lib/metrics.ts';
import { round } from '../lib/timing.ts';
import { MODEL_DIR } from './embedding.ts';

export interface ParallelEmbeddingLever {
  sessions: number;
  intraOpThreads: number;
  batchSize: number;
  texts: number;
  /** Texts per second, round by round. */
  rounds: number[];
  textsPerSec: number;
  /** Resident memory the loaded sessions and their workers added (MiB). */
  addedRssMb: number;
}

const WORKER = new URL('../lib/embed-worker.ts', import.meta.url);
const ROUNDS = 3;

function rssMb(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

const next = (worker: Worker) => new Promise<unknown>((resolve) => worker.once('message', resolve));

async function pass(texts: string[], sessions: number, intraOpThreads: number) {
  const before = rssMb();
  const share = Math.ceil(texts.length / sessions);
  const workers = Array.from({ length: sessions }, (_, i) => {
    const workerData: EmbedWorkerData = {
      modelDir: MODEL_DIR,
      texts: texts.slice(i * share, (i + 1) * share),
      batchSize: DEFAULT_BATCH_SIZE,
      intraOpThreads,
    };
    return new Worker(WORKER, { workerData });
  });
  try {
    await Promise.all(workers.map(next));
    const addedRssMb = rssMb() - before;
    const started = performance.now();
    await Promise.all(
      workers.map((w) => {
        const done = next(w);
        w.postMessage('go');
        return done;
      }),
    );
    return { textsPerSec: texts.length / ((performance.now() - started) / 1000), addedRssMb };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export async function measureParallelEmbedding(
  texts: string[],
  cores: number,
): Promise<ParallelEmbeddingLever[]> {
  const cut = texts.map((t) => t.slice(0, EMBED_TEXT_CHARS));
  const arms = [
    { sessions: 1, intraOpThreads: cores },
    { sessions: cores, intraOpThreads: 1 },
  ];
  const seen = arms.map(() => ({ rounds: [] as number[], rss: [] as number[] }));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, arm] of arms.entries()) {
      const measured = await pass(cut, arm.sessions, arm.intraOpThreads);
      seen[i].rounds.push(round(measured.textsPerSec, 0));
      seen[i].rss.push(measured.addedRssMb);
    }
  }
  return arms.map((arm, i) => ({
    ...arm,
    batchSize: DEFAULT_BATCH_SIZE,
    texts: cut.length,
    rounds: seen[i].rounds,
    textsPerSec: round(median(seen[i].rounds), 0),
    addedRssMb: Math.round(median(seen[i].rss)),
  }));
}
