import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CatalogFileError } from '../../../electron/engine/catalog/source.ts';
import { readAll, tempFiles } from './helpers.ts';

const tmp = tempFiles();

describe('gzip input', () => {
  it('fails clearly on truncated gzip data', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},product ${i},${i % 97}.99`).join('\n');
    const gz = gzipSync(`id,name,price\n${rows}\n`);
    const file = tmp.write('cut.csv.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const err = await readAll(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toBe('cut.csv.gz: the gzip data is truncated (unexpected end of file)');
  });

  it('fails clearly on corrupt gzip data', async () => {
    const gz = gzipSync('id,name\n1,a\n');
    gz.fill(0x55, 12, 20);
    await expect(readAll(tmp.write('bad.csv.gz', gz))).rejects.toThrow(
      /bad\.csv\.gz: the gzip data is corrupt/,
    );
  });

  it('refuses a gzip bomb at the output limit instead of expanding it', async () => {
    const bomb = gzipSync(`id,name\n${'1,a\n'.repeat(4 * 1024 * 1024)}`); // 16 MiB from ~16 KiB
    expect(bomb.length).toBeLessThan(100_000);
    const err = await readAll(tmp.write('bomb.csv.gz', bomb), {
      limits: { maxDecompressedBytes: 1024 * 1024 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toBe(
      'bomb.csv.gz: the gzip data expands to more than 1 MiB (refused as a likely gzip bomb)',
    );
  });

  it('refuses a stream expanding far beyond what deflate gives real data, long before the size limit', async () => {
    const bomb = gzipSync(`id,name\n${`1,${'a'.repeat(1_000_000)}\n`.repeat(128)}`); // 128 MB from ~125 KiB
    const started = performance.now();
    const err = await readAll(tmp.write('zeros.csv.gz', bomb)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toMatch(
      /^zeros\.csv\.gz: the gzip data expands more than 600× .*likely gzip bomb/,
    );
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('reads a large, well-compressed catalog past the ratio check to the end', async () => {
    const colours = ['black', 'white', 'red', 'blue', 'silver', 'green', 'grey'];
    const rows = Array.from(
      { length: 1_800_000 },
      (_, i) =>
        `${i},Product ${i % 9973} ${colours[i % 7]} ${(i * 31) % 512} GB,${((i * 7919) % 100_000) / 100}`,
    );
    const text = `id,name,price\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(64 * 1024 * 1024);
    const { records } = await readAll(tmp.write('big.csv.gz', gzipSync(text)));
    expect(records).toHaveLength(1_800_000);
  }, 120_000);

  it('treats an empty gzip stream as an empty file', async () => {
    await expect(readAll(tmp.write('empty.csv.gz', gzipSync('')))).rejects.toThrow(/file is empty/);
  });
});
