// A team server is named by a libpq-style URL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?sslmode=…
// The password may be in the URL, in PGPASSWORD or ~/.pgpass (node-postgres reads both), or given by the
// app from the OS keychain; it never leaves this module in anything meant for display or storage.
import fs from 'node:fs';
import type { ClientConfig } from 'pg';
import { EngineError } from '../errors.ts';

export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface TeamServer {
  /** The URL without its password: what is shown, logged and stored in the catalog. */
  display: string;
  host: string;
  port: number;
  database: string;
  user: string | undefined;
  password: string | undefined;
  sslmode: SslMode;
  sslrootcert: string | undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * Parses and checks a server URL. libpq's default `prefer` is kept, except for a local host or a unix
 * socket, where TLS protects nothing and is off unless asked for.
 */
export function parseServerUrl(raw: string, password?: string): TeamServer {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EngineError(
      'invalid-input',
      'the server must be a URL like postgres://user@host:5432/database (got something else)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new EngineError(
      'invalid-input',
      `the server URL must start with postgres:// or postgresql://, not ${url.protocol}//`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) {
    throw new EngineError('invalid-input', 'the server URL names no database: add /DATABASE after the host');
  }
  const socketDir = url.searchParams.get('host');
  const host = socketDir ?? (url.hostname.replace(/^\[|\]$/g, '') || 'localhost');
  const port = url.port ? Number(url.port) : Number(url.searchParams.get('port') ?? 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new EngineError('invalid-input', `the server URL's port must be 1–65535, not ${url.port}`);
  }
  const sslParam = url.searchParams.get('sslmode');
  if (sslParam !== null && !(SSL_MODES as readonly string[]).includes(sslParam)) {
    throw new EngineError(
      'invalid-input',
      `sslmode must be one of ${SSL_MODES.join(', ')}, not "${sslParam}"`,
    );
  }
  const local = socketDir?.startsWith('/') || LOCAL_HOSTS.has(host);
  const sslmode = (sslParam as SslMode | null) ?? (local ? 'disable' : 'prefer');
  const sslrootcert = url.searchParams.get('sslrootcert') ?? undefined;
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  const clean = new URL(url.href);
  clean.password = '';
  return {
    display: clean.href,
    host,
    port,
    database,
    user,
    password: password ?? (url.password ? decodeURIComponent(url.password) : undefined),
    sslmode,
    sslrootcert,
  };
}

/** Where a message says the server is, with neither user nor password. */
export function whereIs(server: TeamServer): string {
  return server.host.startsWith('/')
    ? `${server.host} (socket, port ${server.port})/${server.database}`
    : `${server.host}:${server.port}/${server.database}`;
}

/** node-postgres settings for one TLS choice; `prefer` is tried with TLS first (connect.ts falls back). */
export function clientConfig(server: TeamServer, tls: boolean): ClientConfig {
  const ca = server.sslrootcert ? readCa(server.sslrootcert) : undefined;
  const ssl = !tls
    ? false
    : server.sslmode === 'verify-full'
      ? { ca, rejectUnauthorized: true }
      : server.sslmode === 'verify-ca'
        ? // The chain is checked, the host name is not: libpq's verify-ca.
          { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined }
        : { rejectUnauthorized: false };
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password: server.password,
    ssl,
    connectionTimeoutMillis: 10_000,
    application_name: 'shelfscope',
    // A dropped network must fail a pull, not hang it: the socket is probed while idle.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new EngineError('invalid-input', `sslrootcert ${file}: ${(e as Error).message}`);
  }
}
