// The main process's password handling, without Electron: a vault in memory stands in for the keychain.
import { describe, expect, it } from 'vitest';
import type { EngineHandlers } from '../../shared/api.ts';
import type { PasswordVault } from '../../electron/team-credentials.ts';
import { withTeamCredentials } from '../../electron/team-credentials.ts';

function memoryVault(): PasswordVault & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, get: (s) => entries.get(s) ?? null, set: (s, p) => void entries.set(s, p) };
}

const SERVER = 'postgres://alice@db.example.com:5432/team';

function recordingHandlers(opts: { refuse?: string } = {}) {
  const calls: { method: string; password: string | undefined }[] = [];
  // Every team method takes an object with an optional password; each answers null here.
  const record =
    (method: string) =>
    async (args: { password?: string }): Promise<never> => {
      calls.push({ method, password: args.password });
      if (opts.refuse && args.password === opts.refuse) throw new Error('password authentication failed');
      return null as never;
    };
  const handlers: Pick<
    EngineHandlers,
    'teamPublish' | 'teamOpen' | 'teamSync' | 'teamConnect' | 'teamStatus'
  > = {
    teamPublish: record('teamPublish'),
    teamOpen: record('teamOpen'),
    teamSync: record('teamSync'),
    teamConnect: record('teamConnect'),
    teamStatus: async () => ({ server: SERVER }) as never,
  };
  return { calls, handlers };
}

describe('team passwords in the app', () => {
  it('keeps a password that worked under the server without it, and fills it into later calls', async () => {
    const vault = memoryVault();
    const { calls, handlers } = recordingHandlers();
    const wrapped = withTeamCredentials(handlers, vault);
    await wrapped.teamOpen({ server: SERVER, name: 'Spring', password: 's3cret' });
    expect([...vault.entries]).toEqual([[SERVER, 's3cret']]);
    await wrapped.teamSync({ catalogId: 'spring' });
    await wrapped.teamConnect({ catalogId: 'spring' });
    await wrapped.teamPublish({ catalogId: 'spring', server: `${SERVER}`, force: false });
    expect(calls.map((c) => c.password)).toEqual(['s3cret', 's3cret', 's3cret', 's3cret']);
  });

  it('a refused password is not kept', async () => {
    const vault = memoryVault();
    const { handlers } = recordingHandlers({ refuse: 'wrong' });
    const wrapped = withTeamCredentials(handlers, vault);
    await expect(wrapped.teamOpen({ server: SERVER, name: 'Spring', password: 'wrong' })).rejects.toThrow();
    expect(vault.entries.size).toBe(0);
  });

  it('a password in the URL is not the key: the same server with or without it shares one entry', async () => {
    const vault = memoryVault();
    const { handlers } = recordingHandlers();
    const wrapped = withTeamCredentials(handlers, vault);
    await wrapped.teamOpen({
      server: 'postgres://alice:inline@db.example.com:5432/team',
      name: 'S',
      password: 'given',
    });
    expect([...vault.entries.keys()]).toEqual([SERVER]);
  });
});
