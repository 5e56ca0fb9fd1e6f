import { describe, expect, it } from 'vitest';
import {
  isPublishConflict,
  serverLabel,
  teamStatusLine,
} from '../../../../renderer/features/team/team-text.ts';

const team = {
  server: 'postgres://alice@db.example.com:5432/shelfscope?sslmode=require',
  name: 'Spring',
  generation: 4,
  role: 'replica' as const,
  lastSyncAt: '2026-12-07T12:03:00.000Z',
  offlineSince: null,
  lastError: null,
};

describe('team catalog texts', () => {
  it('names the server by host and database, never the user', () => {
    expect(serverLabel(team.server)).toBe('db.example.com:5432/shelfscope');
    expect(serverLabel('postgres://bob@x/team?host=/var/run/postgresql')).toBe('/var/run/postgresql/team');
  });

  it('says the generation and the last sync, or since when the server is unreachable', () => {
    expect(teamStatusLine(team)).toMatch(/^generation 4 · synced \S/);
    expect(teamStatusLine({ ...team, lastSyncAt: null })).toBe('generation 4 · synced never');
    const offline = teamStatusLine({ ...team, offlineSince: '2026-12-07T12:10:00.000Z' });
    expect(offline).toMatch(/^generation 4 · offline since \S/);
    expect(offline).not.toContain('synced');
  });

  it('tells the publish conflict from other failures', () => {
    expect(
      isPublishConflict('catalog changed since you imported; re-import or force: team catalog "x" …'),
    ).toBe(true);
    expect(isPublishConflict('password authentication failed for user "a" on h:5432/db')).toBe(false);
  });
});
