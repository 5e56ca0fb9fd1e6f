import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults } from '../lib/results.ts';

export async function writeReport(results: BenchResults, repo: string): Promise<void> {
  const docs = path.join(repo, 'docs/bench');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(docs, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}
