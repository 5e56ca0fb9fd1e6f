// Re-renders BENCHMARKS.md, docs/bench/results.json and the charts (bench/out/quick/ for a quick run) from bench/out/results.json without
// measuring anything again. Usage: node bench/report.ts [results.json]
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './lib/results.ts';
import { writeReport } from './report/write-report.ts';

const file = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, 'out', 'results.json'));
const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
const { mdFile } = await writeReport(results);
process.stderr.write(`${path.relative(process.cwd(), mdFile)} regenerated from ${file}\n`);
