// How a team catalog is described in the sidebar and the dialogs.
import type { TeamInfo } from '../../../shared/types.ts';
import { formatDate } from '../../components/format.ts';

/** "db.example.com/shelfscope": where the catalog lives, without user or password. */
export function serverLabel(server: string): string {
  try {
    const url = new URL(server);
    const socket = url.searchParams.get('host');
    return `${socket ?? url.host}${url.pathname}`;
  } catch {
    return server;
  }
}

/** "generation 4 · synced 7 Dec 2026, 12:03", or "offline since …" when the server stopped answering. */
export function teamStatusLine(team: TeamInfo): string {
  const state = team.offlineSince
    ? `offline since ${formatDate(team.offlineSince)}`
    : `synced ${formatDate(team.lastSyncAt)}`;
  return `generation ${team.generation} · ${state}`;
}

/** The conflict a second publisher meets: the dialog then offers to replace the team's catalog. */
export function isPublishConflict(message: string): boolean {
  return message.startsWith('catalog changed since you imported');
}
