// What went wrong talking to the team server, in words a catalog manager can act on. node-postgres gives
// socket errors (ECONNREFUSED, ENOTFOUND…) and server errors with a SQLSTATE; neither ever carries the
// password, and neither does anything built here.
import { EngineError } from '../errors.ts';
import type { TeamServer } from './server-url.ts';
import { whereIs } from './server-url.ts';

interface PgLikeError {
  code?: string;
  message?: string;
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running there and listening on that port?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved (no network?)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  ENOENT: 'no server socket there (is PostgreSQL running?)',
};

/** The server could not be reached or the connection dropped: the replica is offline, not wrong. */
export class ServerUnreachable extends EngineError {
  constructor(message: string) {
    super('not-found', message);
  }
}

function isUnreachable(e: unknown): boolean {
  const { code, message } = e as PgLikeError;
  return (
    (code !== undefined && code in SOCKET_ERRORS) ||
    /Connection terminated|timeout expired|terminating connection|server closed the connection/i.test(
      message ?? '',
    ) ||
    code === '57P01' ||
    code === '57P03'
  );
}

/** Maps a connection or query failure to an EngineError naming the server (never its password). */
export function serverError(e: unknown, server: TeamServer): EngineError {
  if (e instanceof EngineError) return e;
  const { code, message = String(e) } = e as PgLikeError;
  const at = whereIs(server);
  const user = server.user ?? process.env.PGUSER ?? 'the current user';
  if (code && code in SOCKET_ERRORS) {
    return new ServerUnreachable(`cannot reach the team server ${at}: ${SOCKET_ERRORS[code]}`);
  }
  switch (code) {
    case '28P01':
      return new EngineError('invalid-input', `password authentication failed for user "${user}" on ${at}`);
    case '28000':
      return new EngineError('invalid-input', `the server ${at} refused user "${user}": ${message}`);
    case '3D000':
      return new EngineError(
        'not-found',
        `database "${server.database}" does not exist on ${server.host}:${server.port}`,
      );
    case '42501':
      return new EngineError(
        'invalid-input',
        `user "${user}" may not do this on ${at} (${message}); publishing needs the publisher role`,
      );
    case '57P01':
    case '57P03':
      return new ServerUnreachable(`the team server ${at} is shutting down or starting up: ${message}`);
  }
  if (/client password must be a string/i.test(message)) {
    return new EngineError(
      'invalid-input',
      `no password for user "${user}" on ${at}: give it in the server URL, in PGPASSWORD or in ~/.pgpass (the catalog stores the server without its password)`,
    );
  }
  if (/does not support SSL/i.test(message)) {
    return new EngineError(
      'invalid-input',
      `the server ${at} does not accept TLS connections (sslmode=${server.sslmode}); use sslmode=disable only on a trusted network`,
    );
  }
  if (/self[- ]signed|certificate|unable to verify/i.test(message)) {
    return new EngineError(
      'invalid-input',
      `TLS to ${at} failed (sslmode=${server.sslmode}): ${message}; give the server's CA with sslrootcert=FILE`,
    );
  }
  if (/timeout expired/i.test(message)) {
    return new ServerUnreachable(`cannot reach the team server ${at}: the connection timed out`);
  }
  if (isUnreachable(e))
    return new ServerUnreachable(`lost the connection to the team server ${at}: ${message}`);
  return new EngineError('internal', `team server ${at}: ${message}`);
}
