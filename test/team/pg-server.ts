// A throwaway PostgreSQL 15 server per test file: initdb in a temp dir owned by the postgres user (the
// server refuses to run as root), a free TCP port on 127.0.0.1 with password (SCRAM) authentication, a
// unix socket in the same dir for the superuser, stopped and removed afterwards.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.SHELFSCOPE_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SUPERUSER_PASSWORD = 'test-superuser-secret';

function whyUnavailable(): string | null {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    return `no PostgreSQL binaries at ${PG_BIN} (apt-get install postgresql, or set SHELFSCOPE_PG_BIN)`;
  }
  if (process.platform !== 'linux') return 'the throwaway PostgreSQL helper runs on Linux only';
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return 'no "postgres" user to run the throwaway server as';
  }
  return null;
}

/** Why the team tests cannot run here, or null when they can. */
export const pgUnavailable = whyUnavailable();
if (pgUnavailable) process.stderr.write(`team tests skipped: ${pgUnavailable}\n`);

export interface PgServer {
  port: number;
  /** postgres://USER:PASSWORD@127.0.0.1:PORT/DATABASE */
  url(opts: { user?: string; password?: string; database: string; query?: string }): string;
  /** Runs SQL as the superuser over the unix socket. */
  admin<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<pg.QueryResult<R>>;
  createDatabase(name: string): Promise<void>;
  stop(): void;
  start(): void;
  destroy(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): void {
  const run = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  execFileSync(run[0] as string, run[1] as string[], { stdio: 'pipe' });
}

export async function startPgServer(): Promise<PgServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-pg-'));
  const data = path.join(root, 'data');
  const pwfile = path.join(root, 'pw');
  fs.writeFileSync(pwfile, SUPERUSER_PASSWORD);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(root, uid, gid);
    fs.chownSync(pwfile, uid, gid);
  }
  asPostgres(path.join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () =>
    asPostgres(path.join(PG_BIN, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(root, 'log'),
      '-w',
      '-o',
      options,
      'start',
    ]);
  const stop = () => asPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  const admin = async <R extends pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    database = 'postgres',
  ) => {
    const client = new pg.Client({ host: root, port, user: 'postgres', database });
    await client.connect();
    try {
      return await client.query<R>(sql, params);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url: ({ user = 'postgres', password = SUPERUSER_PASSWORD, database, query }) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${query ? `?${query}` : ''}`,
    admin,
    async createDatabase(name) {
      await admin(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    },
    stop() {
      stop();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) stop();
      running = false;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
