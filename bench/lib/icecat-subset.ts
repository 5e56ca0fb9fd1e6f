// A small Icecat catalog for --quick runs: every judged product plus the first others up to `size`,
// so relevance can be computed in seconds (scores run higher than on the full catalog: fewer distractors).
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ICECAT_DIR, loadJudgments } from '../relevance.ts';

export function selectSubset(lines: string[], keep: Set<string>, size: number): string[] {
  const idOf = (line: string) => /"id":\s*"([^"]+)"/.exec(line)?.[1] ?? '';
  const picked = lines.filter((l) => keep.has(idOf(l)));
  for (const line of lines) {
    if (picked.length >= size) break;
    if (!keep.has(idOf(line))) picked.push(line);
  }
  return picked;
}

export function writeIcecatSubset(file: string, size: number): number {
  const lines = gunzipSync(fs.readFileSync(path.join(ICECAT_DIR, 'products.jsonl.gz')))
    .toString('utf8')
    .trim()
    .split('\n');
  const judged = new Set([...loadJudgments().values()].flatMap((j) => [...j.keys()]));
  const subset = selectSubset(lines, judged, size);
  fs.writeFileSync(file, gzipSync(`${subset.join('\n')}\n`));
  return subset.length;
}
