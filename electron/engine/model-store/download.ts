import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EngineError } from '../errors.ts';

/** How a downloaded file is checked: the sha256 a hub lists for large files, or a git blob id for small ones. */
export type Digest = { sha256: string } | { gitSha1: string };

export interface DownloadOptions {
  digest?: Digest;
  /** Hears the bytes of this file on disk so far and its size when known. */
  onBytes?: (done: number, total: number | null) => void;
  signal?: AbortSignal;
}

/** A transfer cut this many times in a row (no new bytes in between) is given up. */
const MAX_ATTEMPTS = 5;
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Any error fetch() gives, in words: offline (what to do instead), or the cause fetch hides behind "fetch failed". */
export function fetchError(url: string, e: unknown): Error {
  if (e instanceof EngineError) return e;
  const offline = offlineError(url, e);
  if (offline) return offline;
  const cause = (e as { cause?: { message?: string } }).cause?.message;
  return new EngineError('bad-file', `${new URL(url).host}: ${cause ?? (e as Error).message}`);
}

/** The error fetch() gives when there is no network, in words that say what to do instead. */
export function offlineError(url: string, e: unknown): EngineError | null {
  const cause = (e as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  if (!code || !OFFLINE_CODES.has(code)) return null;
  return new EngineError(
    'bad-file',
    `offline: ${new URL(url).host} cannot be reached (${code}). Download the model on a machine with internet access, copy its folder or .zip here and use "Add from folder" (shelfscope models add DIR|ZIP)`,
  );
}

async function fileDigest(file: string, digest: Digest): Promise<string> {
  const hash = createHash('sha256' in digest ? 'sha256' : 'sha1');
  if ('gitSha1' in digest) hash.update(`blob ${fs.statSync(file).size}\0`);
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Fetches `url` to `dest`, resuming from `<dest>.partial` with an HTTP Range request, whether the
 * transfer was cut a moment ago or by a crash days before; checks the digest before `dest` appears.
 * A file that fails its check is deleted, never installed.
 */
export async function downloadFile(url: string, dest: string, opts: DownloadOptions = {}): Promise<void> {
  const partial = `${dest}.partial`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  let failures = 0;
  for (;;) {
    const had = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
    try {
      if (await fetchInto(url, partial, had, opts)) break;
    } catch (e) {
      if (opts.signal?.aborted) throw Object.assign(new Error('cancelled'), { code: 'cancelled' });
      const offline = offlineError(url, e);
      if (offline && had === 0) throw offline;
      if (e instanceof EngineError) throw e;
      const now = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
      failures = now > had ? 1 : failures + 1;
      if (failures >= MAX_ATTEMPTS) {
        throw new EngineError(
          'bad-file',
          `${url}: the download keeps failing (${(e as Error).message}); ${now.toLocaleString('en-US')} bytes are kept and the next attempt resumes from there`,
        );
      }
    }
  }
  if (opts.digest) {
    const wanted = 'sha256' in opts.digest ? opts.digest.sha256 : opts.digest.gitSha1;
    const got = await fileDigest(partial, opts.digest);
    if (got !== wanted.toLowerCase()) {
      fs.rmSync(partial, { force: true });
      const kind = 'sha256' in opts.digest ? 'sha256' : 'git object id';
      throw new EngineError(
        'bad-file',
        `${path.basename(dest)}: downloaded file's ${kind} is ${got}, expected ${wanted}; it was deleted`,
      );
    }
  }
  fs.renameSync(partial, dest);
}

/** One request; true once the partial file is complete. */
async function fetchInto(url: string, partial: string, had: number, opts: DownloadOptions): Promise<boolean> {
  const response = await fetch(url, {
    headers: had > 0 ? { Range: `bytes=${had}-` } : {},
    signal: opts.signal,
    redirect: 'follow',
  }).catch((e: unknown) => {
    // No network is retried (a resumed transfer may find it back); a request that cannot be made is not.
    if (opts.signal?.aborted || offlineError(url, e)) throw e;
    throw fetchError(url, e);
  });
  // 416: the range starts at the end, so the partial file already holds everything.
  if (response.status === 416 && had > 0) return true;
  if (!response.ok) {
    throw new EngineError(
      'bad-file',
      `${url}: the server answered ${response.status} ${response.statusText}`,
    );
  }
  const resumed = response.status === 206;
  const start = resumed ? had : 0;
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? start + length : null;
  let done = start;
  opts.onBytes?.(done, total);
  if (!response.body) throw new Error('the response has no body');
  // Each chunk is on disk before it counts: when the transfer breaks, the next attempt resumes from
  // exactly the bytes reported (a write stream drops what it still buffers when the pipeline fails).
  const fd = fs.openSync(partial, resumed ? 'a' : 'w');
  try {
    const store = new Writable({
      write(chunk: Buffer, _enc, callback) {
        fs.writeSync(fd, chunk);
        done += chunk.length;
        opts.onBytes?.(done, total);
        callback();
      },
    });
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), store);
  } finally {
    fs.closeSync(fd);
  }
  if (total !== null && done < total) throw new Error(`the transfer ended at byte ${done} of ${total}`);
  return true;
}
