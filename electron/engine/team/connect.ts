import pg from 'pg';
import { serverError } from './server-errors.ts';
import type { TeamServer } from './server-url.ts';
import { clientConfig } from './server-url.ts';

/**
 * A connected client. `prefer` tries TLS and falls back to a plain connection only when the server says
 * it has no TLS, as libpq does; every other mode is exactly what it says.
 */
export async function connectServer(server: TeamServer): Promise<pg.Client> {
  const attempt = async (tls: boolean) => {
    const client = new pg.Client(clientConfig(server, tls));
    // An error on an idle client (the server went away) must not crash the process: the next query fails.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
  };
  try {
    if (server.sslmode === 'disable') return await attempt(false);
    try {
      return await attempt(true);
    } catch (e) {
      if (server.sslmode === 'prefer' && /does not support SSL/i.test((e as Error).message)) {
        return await attempt(false);
      }
      throw e;
    }
  } catch (e) {
    throw serverError(e, server);
  }
}

/** Runs `use` on a fresh connection and closes it whatever happens; failures name the server. */
export async function withServer<T>(server: TeamServer, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectServer(server);
  try {
    return await use(client);
  } catch (e) {
    throw serverError(e, server);
  } finally {
    await client.end().catch(() => undefined);
  }
}
