import { z } from 'zod';
import { EngineError } from '../errors.ts';
import type { Digest } from './download.ts';
import { fetchError } from './download.ts';
import { exportFilesAmong } from './st-export.ts';

/** The model hub the CLI and the app download from; SHELFSCOPE_HUB_URL points elsewhere (a mirror, the tests). */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

/** "owner/name" as the hub spells a repository. */
export const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

const TreeEntry = z.object({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  oid: z.string(),
  lfs: z.object({ oid: z.string(), size: z.number().int().nonnegative() }).nullish(),
});

export interface RemoteFile {
  path: string;
  url: string;
  size: number;
  digest: Digest;
}

/**
 * The files of a hub repository a sentence-transformers ONNX export needs, with their sizes and the
 * digests the hub lists: sha256 for files kept in LFS (the graph), the git blob id for the others.
 */
export async function listHubExport(hubUrl: string, id: string, signal?: AbortSignal): Promise<RemoteFile[]> {
  const base = hubUrl.replace(/\/+$/, '');
  const listing = `${base}/api/models/${id}/tree/main?recursive=true`;
  let response: Response;
  try {
    response = await fetch(listing, { signal });
  } catch (e) {
    throw fetchError(listing, e);
  }
  if (response.status === 404 || response.status === 401) {
    throw new EngineError('not-found', `no model "${id}" on ${new URL(base).host}`);
  }
  if (!response.ok) throw new EngineError('bad-file', `${listing}: the server answered ${response.status}`);
  const parsed = z.array(TreeEntry).safeParse(await response.json());
  if (!parsed.success)
    throw new EngineError('bad-file', `${listing}: not a file listing of a model repository`);
  const files = parsed.data.filter((e) => e.type === 'file');
  const wanted = exportFilesAmong(files.map((f) => f.path));
  if (!wanted) {
    throw new EngineError(
      'bad-file',
      `${id} has no ONNX export (no model.onnx or onnx/model*.onnx); pick a repository that ships one`,
    );
  }
  return files
    .filter((f) => wanted.includes(f.path))
    .map((f) => ({
      path: f.path,
      url: `${base}/${id}/resolve/main/${f.path.split('/').map(encodeURIComponent).join('/')}`,
      size: f.lfs?.size ?? f.size,
      digest: f.lfs ? { sha256: f.lfs.oid } : { gitSha1: f.oid },
    }));
}
