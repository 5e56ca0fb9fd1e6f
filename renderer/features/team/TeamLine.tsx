import type { CatalogInfo } from '../../../shared/types.ts';
import { teamOf, useTeam } from '../../store/team-store.ts';
import { serverLabel, teamStatusLine } from './team-text.ts';

/** A team catalog's server, generation and last sync (or "offline since"), with a way to sync now. */
export function TeamLine({ catalog }: { catalog: CatalogInfo }) {
  // The selector returns the stored object itself: a status built in it would be new on every render.
  const live = useTeam((s) => s.statuses[catalog.id]);
  const team = teamOf(catalog, live);
  const syncing = useTeam((s) => s.syncing[catalog.id] ?? false);
  if (!team) return null;
  return (
    <div
      role="group"
      className={`team-line${team.offlineSince ? ' offline' : ''}`}
      aria-label={`Team catalog ${team.name}`}
    >
      <span className="catalog-meta" title={team.server}>
        <span
          role="img"
          className={`team-dot${team.live ? ' live' : ''}`}
          aria-label={team.live ? 'live' : 'not live'}
        />
        Team “{team.name}” on {serverLabel(team.server)}
      </span>
      <span className="catalog-meta">{teamStatusLine(team)}</span>
      <button
        type="button"
        className="link-button"
        disabled={syncing}
        onClick={() => void useTeam.getState().sync(catalog.id)}
      >
        {syncing ? 'Syncing…' : 'Sync now'}
      </button>
    </div>
  );
}
