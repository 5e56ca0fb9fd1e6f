// Preloaded into CLI children (`--import`, inherited by their worker threads): every way Node code can
// reach the network — TCP/TLS/HTTP/fetch connects, DNS, UDP, spawning another program — is logged to
// SHELFSCOPE_TEST_NET_LOG, and refused unless it is the one loopback endpoint SHELFSCOPE_TEST_NET_ALLOW
// ("127.0.0.1:PORT") the test started.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const logFile = process.env.SHELFSCOPE_TEST_NET_LOG;
const allowed = process.env.SHELFSCOPE_TEST_NET_ALLOW ?? '';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function record(verdict: 'allowed' | 'BLOCKED', what: string): void {
  if (logFile) fs.appendFileSync(logFile, `${verdict} ${what}\n`);
}

function blocked(what: string): Error {
  record('BLOCKED', what);
  return new Error(`network trap: ${what} refused (the test allows only ${allowed || 'nothing'})`);
}

interface ConnectTarget {
  host?: string;
  port?: number | string;
  path?: string;
}

/** socket.connect(options | [options, cb] | path | port, host?) → where it goes. */
function targetOf(args: unknown[]): ConnectTarget {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) return first as ConnectTarget;
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: first as number, host: typeof args[1] === 'string' ? args[1] : undefined };
}

if (logFile) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const t = targetOf(args);
    const what = t.path ? `connect unix:${t.path}` : `connect ${t.host ?? 'localhost'}:${t.port}`;
    const host = (t.host ?? 'localhost').replace(/^\[|\]$/g, '');
    if (!t.path && LOOPBACK_NAMES.has(host) && `127.0.0.1:${t.port}` === allowed) {
      record('allowed', what);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    }
    const error = blocked(what);
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof connect;

  const lookup = dns.lookup;
  dns.lookup = function (hostname: string, ...rest: unknown[]) {
    if (!LOOPBACK_NAMES.has(hostname)) {
      const error = blocked(`dns lookup ${hostname}`);
      const callback = rest.find((r) => typeof r === 'function') as ((e: Error) => void) | undefined;
      if (!callback) throw error;
      process.nextTick(callback, error);
      return {} as never;
    }
    record('allowed', `dns lookup ${hostname}`);
    return (lookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  } as typeof dns.lookup;
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = async function (hostname: string, ...rest: unknown[]) {
    if (!LOOPBACK_NAMES.has(hostname)) throw blocked(`dns lookup ${hostname}`);
    return (lookupPromise as (...a: unknown[]) => unknown)(hostname, ...rest);
  } as typeof dns.promises.lookup;
  for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny'] as const) {
    dns[name] = ((host: string) => {
      throw blocked(`dns ${name} ${host}`);
    }) as never;
  }
  dgram.createSocket = ((type: unknown) => {
    throw blocked(`udp socket ${String(type)}`);
  }) as never;
  for (const name of [
    'spawn',
    'exec',
    'execFile',
    'fork',
    'spawnSync',
    'execSync',
    'execFileSync',
  ] as const) {
    childProcess[name] = ((command: unknown) => {
      throw blocked(`${name} ${String(command)}`);
    }) as never;
  }
  syncBuiltinESMExports();
}
