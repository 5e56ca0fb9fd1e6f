// What ties a local catalog to a team catalog, kept in its own SQLite meta table (never the password:
// the server is stored as its display URL).
import type { Db } from '../store/database.ts';
import { getMeta, setMeta } from '../store/database.ts';

export interface TeamBinding {
  server: string;
  name: string;
  /** The server generation this catalog last published or pulled in full. */
  generation: number;
  role: 'publisher' | 'replica';
  lastSyncAt: string | null;
  /** Set when the server stopped answering; cleared by the next successful contact. */
  offlineSince: string | null;
  lastError: string | null;
}

/** A pull under way, committed page by page: where it resumes after a kill or a dropped connection. */
export interface PullProgress {
  mode: 'full' | 'changes';
  /** The generation the pull started from (0 for a full one). */
  since: number;
  /** The server generation of the first attempt's snapshot: the replica's generation once done. */
  target: number;
  /** The local import generation every product this pull writes is stamped with. */
  importGen: number;
  /** Products are pulled in the publisher's order: the last one committed. */
  after: { position: number; id: string } | null;
  /**
   * A full pull into an empty replica loads the server's index snapshot first: the generation of the
   * products it holds, null when there was none to use; unset until the pull has looked.
   */
  snapshot?: number | null;
}

const BINDING_KEY = 'team';
const PULL_KEY = 'team_pull';

export function readBinding(db: Db): TeamBinding | null {
  const raw = getMeta(db, BINDING_KEY);
  return raw ? (JSON.parse(raw) as TeamBinding) : null;
}

export function writeBinding(db: Db, binding: TeamBinding): void {
  setMeta(db, BINDING_KEY, JSON.stringify(binding));
}

export function updateBinding(db: Db, patch: Partial<TeamBinding>): TeamBinding | null {
  const current = readBinding(db);
  if (!current) return null;
  const next = { ...current, ...patch };
  writeBinding(db, next);
  return next;
}

export function readPullProgress(db: Db): PullProgress | null {
  const raw = getMeta(db, PULL_KEY);
  return raw ? (JSON.parse(raw) as PullProgress) : null;
}

export function writePullProgress(db: Db, progress: PullProgress | null): void {
  if (progress) setMeta(db, PULL_KEY, JSON.stringify(progress));
  else db.prepare('DELETE FROM meta WHERE key = ?').run(PULL_KEY);
}
