// The pipeline's overhead over the bare model, measured so that the machine's speed cannot decide it:
// the same texts go through the bare ONNX session and through the engine's index job in turn, several
// times, inside a copy of the full-size catalog (so the ANN index and SQLite are as big as a real
// import leaves them). Each pipeline pass sits between two bare passes and is compared with their
// mean: these machines drift by 30 % within minutes, and a drift across a round then falls out of its
// ratio instead of deciding it.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ModelProvider } from '../../electron/engine/catalog-service.ts';
import { CatalogService } from '../../electron/engine/catalog-service.ts';
import { ProgressMeter } from '../../electron/engine/jobs/progress.ts';
import { median } from '../lib/metrics.ts';
import { round } from '../lib/timing.ts';
import type { RawThroughput } from './embedding.ts';
import { measureBare, rawThroughput, sampleProducts } from './embedding.ts';

export interface OverheadRound {
  /** Over the two bare passes around this round's pipeline pass (their mean time). */
  bareTextsPerSec: number;
  pipelineTextsPerSec: number;
  /** 1 − pipeline texts/s ÷ bare texts/s of this round, in %. */
  overheadPct: number;
  bareCpuMsPerText: number;
  pipelineCpuMsPerText: number;
  cpuOverheadPct: number;
  /** The job's one ANN save at the end (not in the pipeline pass: a full import saves ~5× the index). */
  saveMs: number;
  /** The bare passes' mean, and inside the pipeline pass: waiting for the model, adding to the ANN index. */
  bareMs: number;
  modelMs: number;
  annMs: number;
}

export interface PipelineOverhead {
  texts: number;
  /** Products in the catalog whose index these texts are re-embedded into. */
  catalogProducts: number;
  rounds: OverheadRound[];
  /** Every bare pass in order, one more than the rounds: round i lies between passes i and i + 1. */
  bareTextsPerSec: number[];
  /** Medians over the rounds. */
  overheadPct: number;
  cpuOverheadPct: number;
}

/** Takes the sampled products' vectors out of SQLite and the ANN index, as if never embedded. */
function forget(catalog: CatalogService, rowids: number[]): void {
  const db = catalog.handle.writer;
  const unmark = db.prepare('UPDATE products SET embedded_hash = NULL WHERE rowid = ?');
  const drop = db.prepare('DELETE FROM vectors WHERE rowid = ?');
  db.transaction(() => {
    for (const rowid of rowids) {
      unmark.run(rowid);
      drop.run(rowid);
    }
  })();
  catalog.handle.ann.remove(rowids);
}

/**
 * One pass of the real index job over the forgotten products: from its first 'embedding' event (the
 * session is loaded) to its 'saving' one (every vector is in SQLite and in the ANN index).
 */
async function pipelinePass(catalog: CatalogService, texts: number) {
  let start: { at: number; cpu: NodeJS.CpuUsage } | undefined;
  let end: { at: number; cpu: NodeJS.CpuUsage } | undefined;
  let done = 0;
  const meter = new ProgressMeter({ jobId: 'bench', catalogId: 'bench', kind: 'index' }, (p) => {
    if (p.phase === 'embedding' && !start) start = { at: performance.now(), cpu: process.cpuUsage() };
    if (p.phase === 'saving' && !end) end = { at: performance.now(), cpu: process.cpuUsage() };
    if (p.phase === 'done') done = performance.now();
  });
  const result = await catalog.index(randomUUID(), meter);
  if (!start || !end || !result.indexTiming || result.embedded !== texts) {
    throw new Error(`the index job re-embedded ${result.embedded} of ${texts} products`);
  }
  const cpuMs = (end.cpu.user - start.cpu.user + end.cpu.system - start.cpu.system) / 1000;
  return {
    textsPerSec: texts / ((end.at - start.at) / 1000),
    cpuMsPerText: cpuMs / texts,
    saveMs: done - end.at,
    modelMs: result.indexTiming.modelMs,
    annMs: result.indexTiming.annMs,
  };
}

/**
 * Bare model, then `rounds` × (index job, bare model), on `count` texts of a copy of the catalog in
 * `scratch`. Returns the bare model's figures (its fastest pass) and the overhead (median of the rounds).
 */
export async function measurePipelineOverhead(
  catalogDir: string,
  scratch: string,
  models: ModelProvider,
  count: number,
  rounds = 5,
): Promise<{ raw: RawThroughput; overhead: PipelineOverhead }> {
  const copy = path.join(scratch, 'overhead');
  fs.cpSync(catalogDir, copy, { recursive: true });
  const catalog = CatalogService.open(copy, models);
  try {
    const { rowids, texts } = sampleProducts(catalog.handle.reader, count);
    const bares = [await measureBare(texts)];
    const out: OverheadRound[] = [];
    for (let i = 0; i < rounds; i++) {
      forget(catalog, rowids);
      const pipe = await pipelinePass(catalog, texts.length);
      bares.push(await measureBare(texts));
      const around = bares.slice(-2);
      const bareMs = (1000 * texts.length * (1 / around[0].textsPerSec + 1 / around[1].textsPerSec)) / 2;
      const bareTextsPerSec = texts.length / (bareMs / 1000);
      const bareCpuMsPerText = (around[0].cpuMsPerText + around[1].cpuMsPerText) / 2;
      out.push({
        bareTextsPerSec: round(bareTextsPerSec, 0),
        pipelineTextsPerSec: round(pipe.textsPerSec, 0),
        overheadPct: round((1 - pipe.textsPerSec / bareTextsPerSec) * 100, 1),
        bareCpuMsPerText: round(bareCpuMsPerText, 3),
        pipelineCpuMsPerText: round(pipe.cpuMsPerText, 3),
        cpuOverheadPct: round((pipe.cpuMsPerText / bareCpuMsPerText - 1) * 100, 1),
        saveMs: Math.round(pipe.saveMs),
        bareMs: Math.round(bareMs),
        modelMs: pipe.modelMs,
        annMs: pipe.annMs,
      });
      process.stderr.write(`  overhead round ${i + 1}: ${JSON.stringify(out[i])}\n`);
    }
    const fastest = bares.reduce((a, b) => (b.textsPerSec > a.textsPerSec ? b : a));
    return {
      raw: rawThroughput(texts, fastest),
      overhead: {
        texts: texts.length,
        catalogProducts: catalog.info().products,
        rounds: out,
        bareTextsPerSec: bares.map((b) => round(b.textsPerSec, 0)),
        overheadPct: median(out.map((r) => r.overheadPct)),
        cpuOverheadPct: median(out.map((r) => r.cpuOverheadPct)),
      },
    };
  } finally {
    catalog.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
