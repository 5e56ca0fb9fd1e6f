// Ask latency per question and per question class on one catalog, in one process: the benchmark's own
// questions (bench/lib/queries.ts buildQuestions, as the catalog-size stage builds them) and one question
// per class the grammar reads (counts over a large category, group-by, missing values, compare-two,
// attribute values, on sale, stock levels). Each question is asked ROUNDS times after one untimed pass;
// the result cache is cleared before every ask, as the stage does.
// Usage: node bench/ask-latency.ts CATALOG_DIR [ROUNDS] [--json]
import os from 'node:os';
import { answerQuestion } from '../electron/engine/ask/answer.ts';
import { CatalogService } from '../electron/engine/catalog-service.ts';
import { createModelProvider } from '../electron/engine/models.ts';
import { median } from './lib/metrics.ts';
import { askCategories, buildClassQuestions, buildQuestions } from './lib/queries.ts';
import type { LatencyStats } from './lib/timing.ts';
import { latencyStats } from './lib/timing.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const [dir, roundsArg] = args.filter((a) => a !== '--json');
if (!dir) {
  process.stderr.write('usage: node bench/ask-latency.ts CATALOG_DIR [ROUNDS] [--json]\n');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 3);
const settings = { llmEndpoint: null, llmModel: null, llmTimeoutMs: 15_000 };
const catalog = CatalogService.open(dir, createModelProvider());
const db = catalog.handle.reader;

// As bench/stages/catalog-size.ts picks them.
const categories = askCategories(
  db.prepare('SELECT category FROM products ORDER BY rowid LIMIT 2000').pluck().all() as string[],
);
const prices = db.prepare('SELECT price FROM products WHERE price IS NOT NULL').pluck().all() as number[];
const largest = db
  .prepare('SELECT category FROM products GROUP BY category ORDER BY count(*) DESC LIMIT 1')
  .pluck()
  .get() as string;
const brands = db
  .prepare('SELECT brand FROM products GROUP BY brand ORDER BY count(*) DESC LIMIT 2')
  .pluck()
  .all() as string[];

const questions: { cls: string; q: string }[] = [
  ...buildQuestions(categories, median(prices)).map((q, i) => ({
    cls: ['bench: count with price and stock', 'bench: cheapest', 'bench: descriptive'][i % 3],
    q,
  })),
  ...buildClassQuestions(largest, brands),
];

const started = performance.now();
await answerQuestion(catalog, 'how many products are there?', settings);
const firstMs = performance.now() - started;
const samples = new Map<string, number[]>(questions.map((x) => [x.q, []]));
for (let round = -1; round < rounds; round++) {
  for (const { q } of questions) {
    catalog.searcher.clearCache();
    const t = performance.now();
    await answerQuestion(catalog, q, settings);
    if (round >= 0) samples.get(q)?.push(performance.now() - t);
  }
}

const byClass = new Map<string, number[]>();
for (const { cls, q } of questions)
  byClass.set(cls, [...(byClass.get(cls) ?? []), ...(samples.get(q) ?? [])]);
const all = [...samples.values()].flat();
const bench = questions.filter((x) => x.cls.startsWith('bench:')).flatMap((x) => samples.get(x.q) ?? []);
const out = {
  products: catalog.info().products,
  rounds,
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  firstAskMs: Math.round(firstMs),
  benchQuestions: latencyStats(bench),
  allQuestions: latencyStats(all),
  classes: Object.fromEntries([...byClass].map(([c, s]) => [c, latencyStats(s)])),
  questions: questions.map(({ cls, q }) => ({ cls, q, ...latencyStats(samples.get(q) ?? []) })),
};
catalog.close();
if (json) {
  console.log(JSON.stringify(out));
} else {
  const row = (label: string, s: LatencyStats) => `| ${label} | ${s.n} | ${s.p50} | ${s.p95} | ${s.mean} |`;
  console.log(
    `${out.products} products, ${rounds} rounds, load average ${out.loadAverage.join(' ')}, first ask (vocabulary) ${out.firstAskMs} ms`,
  );
  console.log('| questions | samples | p50 ms | p95 ms | mean ms |');
  console.log('|---|---|---|---|---|');
  console.log(row('the benchmark questions (ask row)', out.benchQuestions));
  console.log(row('every question', out.allQuestions));
  for (const [c, s] of Object.entries(out.classes)) console.log(row(c, s));
  console.log('\n| class | question | p50 ms | max ms |');
  console.log('|---|---|---|---|');
  for (const x of out.questions)
    console.log(`| ${x.cls} | ${x.q} | ${x.p50} | ${Math.max(...(samples.get(x.q) ?? [0])).toFixed(1)} |`);
}
process.exit(0);
