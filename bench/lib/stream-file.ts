// Generated files are streamed to disk, never built in memory: a 1 GB feed is written in ~1 MiB chunks.
import { once } from 'node:events';
import fs from 'node:fs';

const CHUNK_CHARS = 1 << 20;

/**
 * Writes the parts in order to `file` (as `file.tmp`, renamed once complete, so an interrupted run
 * never leaves a truncated file under the real name); returns the file's size in bytes.
 */
export async function writeStreamed(file: string, parts: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(`${file}.tmp`);
  const failed: { error?: Error } = {};
  out.on('error', (e) => (failed.error ??= e));
  // `once` also rejects when the stream fails while it waits for room.
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  let chunk = '';
  for (const part of parts) {
    chunk += part;
    if (chunk.length > CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
    }
    if (failed.error) break;
  }
  if (!failed.error) await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  if (failed.error) {
    fs.rmSync(`${file}.tmp`, { force: true });
    throw failed.error;
  }
  fs.renameSync(`${file}.tmp`, file);
  return fs.statSync(file).size;
}
