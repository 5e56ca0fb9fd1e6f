// Texts per second of the default embedder by batch size and intra-op threads, on real product texts.
// Usage: node bench/embed-throughput.ts [products.jsonl.gz] [count]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadEmbedder } from '../electron/engine/embed/load-embedder.ts';
import { defaultModelsDir } from '../electron/engine/embed/models-dir.ts';
import { DEFAULT_MODEL } from '../electron/engine/models.ts';
import { buildUseLite } from '../models/build.ts';

const source = process.argv[2] ?? '/work/shared/datasets/icecat-chorus-electronics/products.jsonl.gz';
const count = Number(process.argv[3] ?? 1000);
const BATCHES = [16, 32, 64, 128];
const THREADS = [1, 2];
const ROUNDS = 3;

interface Product {
  title?: string;
  supplier?: string;
  short_description?: string;
}

const texts = gunzipSync(readFileSync(source))
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(0, count)
  .map((line) => JSON.parse(line) as Product)
  .map((p) => [p.title, p.supplier, p.short_description].filter(Boolean).join(' '));

await buildUseLite();
const modelDir = join(defaultModelsDir(), DEFAULT_MODEL);
console.log(`| batch | ${THREADS.map((t) => `${t} thread${t > 1 ? 's' : ''}`).join(' | ')} |`);
console.log(`|---|${THREADS.map(() => '---').join('|')}|`);
for (const batchSize of BATCHES) {
  const cells: string[] = [];
  for (const intraOpThreads of THREADS) {
    const embedder = await loadEmbedder(modelDir, { batchSize, intraOpThreads });
    await embedder.embed(texts.slice(0, batchSize));
    let best = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      await embedder.embed(texts);
      best = Math.min(best, performance.now() - started);
    }
    await embedder.close();
    cells.push(`${Math.round((texts.length / best) * 1000)} texts/s`);
  }
  console.log(`| ${batchSize} | ${cells.join(' | ')} |`);
}
console.log(
  `\n${texts.length} texts; best of ${ROUNDS} rounds; RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
);
