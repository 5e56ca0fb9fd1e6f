import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/engine/dispatch.ts';
import { FileGrants, guardFileAccess } from '../../electron/file-grants.ts';

describe('model sources through the file grants', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-grants-'));
  const picked = path.join(dir, 'picked-model');
  const other = path.join(dir, 'other-model');
  fs.mkdirSync(picked);
  fs.mkdirSync(other);
  const added: string[] = [];
  const dispatch = createDispatcher(
    guardFileAccess(
      {
        previewImport: async () => {
          throw new Error('not used');
        },
        startImport: async () => ({ jobId: 'j' }),
        pickFile: async () => null,
        pickSaveFile: async () => null,
        startExport: async () => ({ jobId: 'e' }),
        pickModelSource: async () => ({ path: picked }),
        startAddModel: async (args: { source: string }) => {
          added.push(args.source);
          return { jobId: 'm' };
        },
      },
      new FileGrants(),
    ),
  );

  it('adds only a folder the user picked; URLs and hub ids pass as typed', async () => {
    for (const source of [other, '/etc', '../../../../etc']) {
      expect(await dispatch('startAddModel', { source })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(added).toEqual([]);
    expect(await dispatch('pickModelSource', { kind: 'folder' })).toMatchObject({
      ok: true,
      value: { path: picked },
    });
    expect(await dispatch('startAddModel', { source: picked })).toMatchObject({ ok: true });
    expect(
      await dispatch('startAddModel', { source: 'sentence-transformers/all-MiniLM-L6-v2' }),
    ).toMatchObject({ ok: true });
    expect(await dispatch('startAddModel', { source: 'https://example.org/m.zip' })).toMatchObject({
      ok: true,
    });
    expect(added).toEqual([
      fs.realpathSync(picked),
      'sentence-transformers/all-MiniLM-L6-v2',
      'https://example.org/m.zip',
    ]);
  });
});
