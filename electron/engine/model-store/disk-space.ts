import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../errors.ts';

/** Room left on top of what is written, so a model install never fills the disk the catalogs live on. */
const HEADROOM_BYTES = 256 * 1024 * 1024;

export function freeBytes(dir: string): number {
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  const stats = fs.statfsSync(at);
  return stats.bavail * stats.bsize;
}

const mb = (n: number) => `${Math.ceil(n / 1e6).toLocaleString('en-US')} MB`;

/** Refuses, before anything is written, a step that needs more than the disk holding `dir` has free. */
export function ensureFreeSpace(dir: string, bytes: number, doing: string): void {
  const free = freeBytes(dir);
  if (bytes + HEADROOM_BYTES > free) {
    throw new EngineError(
      'bad-file',
      `not enough disk space for ${doing}: it needs ${mb(bytes)} (plus ${mb(HEADROOM_BYTES)} to spare) and ${mb(free)} are free`,
    );
  }
}
