// Re-renders BENCHMARKS.md, docs/bench/results.json and the charts from bench/out/results.json without
// measuring anything again. Usage: node bench/report.ts [results.json]
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './lib/results.ts';
import { writeReport } from './report/write-report.ts';

const file = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, 'out', 'results.json'));
const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
const repo = path.resolve(import.meta.dirname, '..');
await writeReport(results, path.join(repo, 'BENCHMARKS.md'), path.join(repo, 'docs', 'bench'));
process.stderr.write(`BENCHMARKS.md regenerated from ${file}\n`);
