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

const next = (worker: Worker) =>
  new Promise<unknown>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

async function pass(texts: string[], sessions: number, intraOpThreads: number) {
  const before = rssMb();
  const share = Math.ceil(texts.length / sessions);
  // Started one at a time: two threads creating ONNX Runtime sessions at once is a risk the lever
  // does not need to take (loading is not what it measures).
  const workers: Worker[] = [];
  const exited: Promise<unknown>[] = [];
  try {
    for (let i = 0; i < sessions; i++) {
      const workerData: EmbedWorkerData = {
        modelDir: MODEL_DIR,
        texts: texts.slice(i * share, (i + 1) * share),
        batchSize: DEFAULT_BATCH_SIZE,
        intraOpThreads,
      };
      const worker = new Worker(WORKER, { workerData });
      workers.push(worker);
      exited.push(new Promise((resolve) => worker.once('exit', resolve)));
      await next(worker);
    }
    const addedRssMb = rssMb() - before;
    const started = performance.now();
    await Promise.all(
      workers.map((w) => {
        const done = next(w);
        w.postMessage('go');
        return done;
      }),
    );
    const textsPerSec = texts.length / ((performance.now() - started) / 1000);
    // Each worker closes its session and exits by itself: terminating one that holds a session
    // can abort the whole process (onnxruntime-node throws from its teardown).
    await Promise.all(exited);
    return { textsPerSec, addedRssMb };
  } catch (e) {
    // A worker failed: the others would wait for "go" forever.
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
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
