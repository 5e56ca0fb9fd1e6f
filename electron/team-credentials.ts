// Team-server passwords in the app: the renderer gives one once (Share with team…, Open team catalog…);
// after the server accepted it, it is kept in a vault (the OS keychain, see keychain.ts) under the
// server's URL without its password, and handed to the engine on the calls that need it. Electron-free,
// so it is tested without Electron; the engine itself only ever holds passwords in memory.
import type { MethodArgs } from '../shared/api.ts';
import type { HandlerTable } from './engine/dispatch.ts';
import { parseServerUrl } from './engine/team/server-url.ts';

export interface PasswordVault {
  get(server: string): string | null;
  set(server: string, password: string): void;
}

type TeamHandlers = Required<
  Pick<HandlerTable, 'teamPublish' | 'teamOpen' | 'teamSync' | 'teamConnect' | 'teamStatus'>
>;
type Call<M extends keyof TeamHandlers> = (args: MethodArgs<M>) => Promise<unknown>;

const serverKey = (url: string) => parseServerUrl(url).display;

/** The handler table with team passwords filled in from the vault, and saved there once they worked. */
export function withTeamCredentials<H extends TeamHandlers>(handlers: H, vault: PasswordVault): H {
  const publish = handlers.teamPublish as unknown as Call<'teamPublish'>;
  const open = handlers.teamOpen as unknown as Call<'teamOpen'>;
  const sync = handlers.teamSync as unknown as Call<'teamSync'>;
  const connect = handlers.teamConnect as unknown as Call<'teamConnect'>;
  const status = handlers.teamStatus as unknown as (args: MethodArgs<'teamStatus'>) => Promise<{
    server: string;
  } | null>;

  const withServer = async <A extends { server: string; password?: string }>(
    args: A,
    run: (a: A) => Promise<unknown>,
  ) => {
    const key = serverKey(args.server);
    const result = await run({ ...args, password: args.password ?? vault.get(key) ?? undefined });
    if (args.password !== undefined) vault.set(key, args.password);
    return result;
  };
  const withCatalog = async <A extends { catalogId: string; password?: string }>(
    args: A,
    run: (a: A) => Promise<unknown>,
  ) => {
    const bound = args.password === undefined ? await status({ catalogId: args.catalogId }) : null;
    return run({
      ...args,
      password: args.password ?? (bound ? (vault.get(bound.server) ?? undefined) : undefined),
    });
  };
  return {
    ...handlers,
    teamPublish: (args: MethodArgs<'teamPublish'>) => withServer(args, publish),
    teamOpen: (args: MethodArgs<'teamOpen'>) => withServer(args, open),
    teamSync: (args: MethodArgs<'teamSync'>) => withCatalog(args, sync),
    teamConnect: (args: MethodArgs<'teamConnect'>) => withCatalog(args, connect),
  };
}
