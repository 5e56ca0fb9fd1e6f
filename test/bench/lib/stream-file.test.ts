import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStreamed } from '../../../bench/lib/stream-file.ts';
import { tempDir } from '../../engine/helpers.ts';

describe('writeStreamed', () => {
  const dir = tempDir('bench-stream-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the parts in order, past several chunks, and returns the size in bytes', async () => {
    const file = path.join(dir, 'out.txt');
    function* parts() {
      for (let i = 0; i < 30_000; i++) yield `line ${i} é\n`;
    }
    const expected = [...parts()].join('');
    expect(await writeStreamed(file, parts())).toBe(Buffer.byteLength(expected));
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('fails, leaving nothing under the real name, when the file cannot be written', async () => {
    const file = path.join(dir, 'no-such-dir', 'out.txt');
    await expect(writeStreamed(file, ['a'])).rejects.toThrow(/ENOENT/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
