import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/engine/dispatch.ts';
import { FileGrants, guardFileAccess } from '../../electron/file-grants.ts';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grants-'));
  const chosen = path.join(dir, 'chosen.csv');
  const secret = path.join(dir, 'secret.csv');
  fs.writeFileSync(chosen, 'id,name\n1,a\n');
  fs.writeFileSync(secret, 'user,password\nroot,hunter2\n');
  const read: string[] = [];
  const written: string[] = [];
  const grants = new FileGrants();
  let next: string | null = chosen;
  const saveAs = path.join(dir, 'export.csv');
  const handlers = guardFileAccess(
    {
      previewImport: async (args: { path: string }) => {
        read.push(args.path);
        return {
          file: args.path,
          format: 'csv',
          sheets: [],
          columns: [],
          sampleRows: [],
          mapping: {},
          platform: null,
        };
      },
      startImport: async (args: { path: string }) => {
        read.push(args.path);
        return { jobId: 'j' };
      },
      pickFile: async () => (next ? { path: next } : null),
      pickSaveFile: async () => ({ path: saveAs }),
      startExport: async (args: { out: string }) => {
        written.push(args.out);
        return { jobId: 'e' };
      },
    },
    grants,
  );
  const dispatch = createDispatcher(handlers);
  return {
    dir,
    chosen,
    secret,
    read,
    written,
    saveAs,
    grants,
    dispatch,
    pickNext: (p: string | null) => (next = p),
  };
}

describe('file grants', () => {
  it('refuses a path the user never chose, and any file outside the grants', async () => {
    const { secret, read, dispatch } = setup();
    for (const p of [secret, '/etc/passwd', '../../../../etc/passwd']) {
      const result = await dispatch('previewImport', { path: p });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(read).toEqual([]);
  });

  it('lets the engine read a file picked in the dialog, by its real path', async () => {
    const { chosen, dir, read, dispatch } = setup();
    expect(await dispatch('pickFile', {})).toMatchObject({ ok: true, value: { path: chosen } });
    const viaLink = path.join(dir, 'link.csv');
    fs.symlinkSync(chosen, viaLink);
    expect(await dispatch('previewImport', { path: viaLink })).toMatchObject({ ok: true });
    expect(await dispatch('startImport', { catalogId: 'c', path: chosen })).toMatchObject({ ok: true });
    expect(read).toEqual([fs.realpathSync(chosen), fs.realpathSync(chosen)]);
  });

  it('grants dropped files, but never a directory', async () => {
    const { secret, dir, grants, dispatch } = setup();
    grants.grant(secret);
    grants.grant(dir);
    expect(await dispatch('previewImport', { path: secret })).toMatchObject({ ok: true });
    expect(await dispatch('previewImport', { path: dir })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('lets an export write only the path chosen in the save dialog', async () => {
    const { dir, saveAs, written, dispatch } = setup();
    const other = path.join(dir, 'elsewhere.csv');
    expect(await dispatch('startExport', { catalogId: 'c', out: saveAs })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch('pickSaveFile', { defaultName: 'export.csv' })).toMatchObject({ ok: true });
    expect(await dispatch('startExport', { catalogId: 'c', out: saveAs })).toMatchObject({ ok: true });
    expect(await dispatch('startExport', { catalogId: 'c', out: other })).toMatchObject({ ok: false });
    expect(written).toEqual([saveAs]);
  });
});
