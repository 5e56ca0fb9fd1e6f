// Sentences that point at levers, read off the lever sweeps and the filtered/unfiltered search figures.
import type { BenchResults } from '../lib/results.ts';
import type { AnnGraphLever } from '../stages/ann.ts';
import { goalSize } from './goals.ts';

export function leverFindings(r: BenchResults): string[] {
  const out: string[] = [];
  const s = goalSize(r);
  if (s) {
    const sem = s.search.semantic;
    const semF = s.search['semantic+filter'];
    const hyb = s.search.hybrid;
    const hybF = s.search['hybrid+filter'];
    if (sem && semF && hyb && hybF && semF.p50 > 3 * sem.p50) {
      out.push(
        `Filters are the slow path at ${s.label}: semantic p50 ${sem.p50} → ${semF.p50} ms and hybrid ${hyb.p50} → ${hybF.p50} ms with the broad filter "in stock, price ≤ median"; the ANN lookup itself takes ${s.ann.latency.p50} ms, so the extra time is spent outside the vector index.`,
      );
    }
    out.push(
      `Peak RSS at ${s.label} is ${s.endToEnd.peakRssMb} MiB during import; the ANN index alone is ${(s.endToEnd.indexBytes / 1e6).toFixed(0)} MB on disk (${s.ann.params.quantization} vectors, held in memory while it is built); the rest is the Node runtime, the ONNX session, SQLite caches and the JS heap.`,
    );
  }
  const ef = r.annLevers.filter((l) => l.buildMs === null);
  if (ef.length) {
    const enough = ef.find((l) => l.recall10 >= 0.98);
    out.push(
      enough
        ? `ef_search: recall@10 first reaches ${enough.recall10} at ef ${enough.efSearch} (ANN p50 ${enough.p50Ms} ms, against ${ef[0].p50Ms} ms at ef ${ef[0].efSearch}); the ANN lookup stays far below the cost of embedding the query, so a larger ef is nearly free.`
        : `ef_search: recall@10 stays below 0.98 up to ef ${ef[ef.length - 1].efSearch} (${ef[ef.length - 1].recall10}).`,
    );
  }
  const q = r.annLevers.filter((l) => l.buildMs !== null);
  if (q.length) {
    out.push(
      `Quantization (fresh builds, same ef): ${q.map((l) => `${l.quantization} recall ${l.recall10}, build ${((l.buildMs ?? 0) / 1000).toFixed(1)} s, ${((l.fileBytes ?? 0) / 1e6).toFixed(1)} MB`).join('; ')}.`,
    );
  }
  const graph = r.annGraphLevers;
  if (graph?.rows.length) {
    const pairs = (rows: AnnGraphLever[]) =>
      rows.map((l) => `${l.connectivity} / ${l.expansionAdd} (${l.recall10})`).join(', ');
    const reaching = graph.rows.filter((l) => l.recall10 >= 0.98);
    const below = graph.rows.filter((l) => l.recall10 < 0.98);
    out.push(
      `Graph parameters at ${graph.size} (connectivity / ef_add, fresh builds): recall@10 ≥ 0.98 with ${reaching.length ? pairs(reaching) : 'none'}${below.length ? `; below it with ${pairs(below)}` : ''}. The build times in the table ran one after another and swing with the machine.`,
    );
  }
  const repair = (queries: string, repaired: boolean) =>
    r.relevanceLevers?.find(
      (l) => l.lever === 'word repair' && l.queries === queries && l.engine === repaired,
    );
  for (const queries of ['one typo', 'last word cut']) {
    const on = repair(queries, true);
    const off = repair(queries, false);
    if (on && off) {
      out.push(
        `Word repair, queries with ${queries === 'one typo' ? 'one slip' : 'the last word cut short'} (${on.changedQueries ?? '?'} of them changed): hybrid NDCG@10 ${on.dev} / ${on.holdout} (dev / holdout) with completion and correction, ${off.dev} / ${off.holdout} with the words as typed.`,
      );
    }
  }
  const [single, parallel] = r.parallelEmbedding ?? [];
  if (single && parallel) {
    const gain = ((parallel.textsPerSec / single.textsPerSec - 1) * 100).toFixed(0);
    out.push(
      `Parallel embedding: ${parallel.sessions} single-threaded sessions ran ${parallel.textsPerSec} texts/s against ${single.textsPerSec} for one session with ${single.intraOpThreads} threads (${gain} %), for ${parallel.addedRssMb} against ${single.addedRssMb} MiB of memory (worker threads included).`,
    );
  }
  const e = r.embeddingLevers;
  if (e.length) {
    const best = [...e].sort((a, b) => b.textsPerSec - a.textsPerSec)[0];
    const base = e.find((l) => l.maxChars === 320 && l.intraOpThreads === 1 && l.batchSize === 32);
    out.push(
      `Embedding, one session: the fastest setting measured was batch ${best.batchSize}, ${best.intraOpThreads} intra-op thread(s), texts cut at ${best.maxChars} chars: ${best.textsPerSec} texts/s${base ? `, against ${base.textsPerSec} texts/s at batch 32, 1 thread, texts as stored` : ''} (stored embedding texts average ${r.sizes[0]?.raw.meanChars ?? '?'} chars). Sweeps run one after another, so load from other processes shifts them; compare neighbouring rows, not distant ones.`,
    );
  }
  return out;
}
