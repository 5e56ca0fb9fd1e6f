import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSource, type OpenSourceOptions } from '../../../electron/engine/catalog/source.ts';
import type { SourceRecord } from '../../../electron/engine/catalog/record.ts';

export const FIXTURES = new URL('../../fixtures/catalog/', import.meta.url).pathname;
export const DATASETS = '/work/shared/datasets';

/** A temp dir removed after the test file; `write` puts a file in it and returns its path. */
export function tempFiles(): { dir: string; write(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), 'shelfscope-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

export async function readAll(
  file: string,
  opts?: OpenSourceOptions,
): Promise<{
  columns: string[];
  records: SourceRecord[];
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
}> {
  const source = await openSource(file, opts);
  const records: SourceRecord[] = [];
  for await (const r of source.records()) records.push(r);
  return {
    columns: source.columns,
    records,
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheets: source.sheets,
  };
}
