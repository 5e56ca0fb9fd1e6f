// What a publish must send: the products the server lacks or holds in another state, and the ids it holds
// that the local catalog no longer has. Computed after the publisher's lock, against what the server
// holds at that moment, so a forced publish is exactly as correct as an ordinary one.
import type { LocalState } from './local-products.ts';

export interface ServerState {
  contentHash: string;
  vectorHash: string | null;
  vectorModel: string | null;
}

export interface PublishDiff {
  /** Local rowids of products to send, with whether the server has the id already. */
  send: { rowid: number; change: 'inserted' | 'updated'; keepVector: boolean }[];
  removed: string[];
  unchanged: number;
}

export function diffForPublish(
  local: Map<string, LocalState>,
  server: Map<string, ServerState>,
  model: string,
): PublishDiff {
  const send: PublishDiff['send'] = [];
  let unchanged = 0;
  for (const [id, mine] of local) {
    const theirs = server.get(id);
    if (!theirs) {
      send.push({ rowid: mine.rowid, change: 'inserted', keepVector: false });
      continue;
    }
    const sameVector =
      theirs.vectorHash === mine.vectorHash && (mine.vectorHash === null || theirs.vectorModel === model);
    if (theirs.contentHash === mine.contentHash && sameVector) unchanged++;
    // A new price leaves the embedding text, and so the vector the server holds, as they were.
    else
      send.push({ rowid: mine.rowid, change: 'updated', keepVector: sameVector && mine.vectorHash !== null });
  }
  const removed = [...server.keys()].filter((id) => !local.has(id));
  // In rowid order: the order of the local file, which is the order replicas add vectors in (HNSW recall).
  send.sort((a, b) => a.rowid - b.rowid);
  return { send, removed, unchanged };
}
