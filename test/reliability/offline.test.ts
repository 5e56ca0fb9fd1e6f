// The offline guarantee: import, index, search and ask open no network connection. Each CLI run carries a
// preload that logs and refuses every connect, DNS lookup, UDP socket and spawned program, except the
// loopback model server this test starts for the optional LLM; /proc is watched for Internet sockets too.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './lib/run-cli.ts';
import type { InetSocket } from './lib/socket-watch.ts';
import { watchSockets } from './lib/socket-watch.ts';

const HERMES_CSV = path.resolve(import.meta.dirname, '../fixtures/catalog/hermes-products.csv');
const TRAP = path.join(import.meta.dirname, 'lib/network-trap.ts');

describe('offline guarantee', () => {
  let work: string;
  let server: http.Server;
  let port: number;
  let modelRequests = 0;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-offline-'));
    // A stand-in for a local OpenAI-compatible model server (Ollama, llama.cpp): the one allowed peer.
    server = http.createServer((req, res) => {
      modelRequests++;
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ choices: [{ message: { content: 'Try the Retro Sunglasses [RSG8901].' } }] }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    fs.writeFileSync(
      path.join(work, 'settings.json'),
      JSON.stringify({ llmEndpoint: `http://127.0.0.1:${port}/v1`, llmModel: 'local', llmTimeoutMs: 10_000 }),
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function trapped(args: string[]) {
    const log = path.join(work, `net-${args[0]}-${Date.now()}.log`);
    fs.writeFileSync(log, '');
    let watcher: { stop(): InetSocket[] } | null = null;
    const run = await runCli(args, {
      timeoutMs: 180_000,
      preload: [TRAP],
      env: { SHELFSCOPE_TEST_NET_LOG: log, SHELFSCOPE_TEST_NET_ALLOW: `127.0.0.1:${port}` },
      onStart: (_kill, pid) => (watcher = watchSockets(pid)),
    });
    const sockets = (watcher as { stop(): InetSocket[] } | null)?.stop() ?? [];
    const attempts = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { run, attempts, sockets };
  }

  it('the trap itself sees and refuses a connection, a lookup, a spawn, fetch and a worker thread connecting', async () => {
    const probe = path.join(work, 'probe.ts');
    fs.writeFileSync(
      probe,
      `import net from 'node:net';
import dns from 'node:dns';
import { spawn } from 'node:child_process';
net.connect(80, '192.0.2.1').on('error', () => {});
dns.lookup('example.com', () => {});
try { spawn('curl'); } catch {}
await fetch('http://192.0.2.1/').catch(() => {});
const { Worker } = await import('node:worker_threads');
const worker = new Worker(new URL('data:text/javascript,import net from "node:net"; net.connect(81, "192.0.2.1").on("error", () => {});'));
await new Promise((r) => setTimeout(r, 500));
await worker.terminate();
`,
    );
    const log = path.join(work, 'probe.log');
    fs.writeFileSync(log, '');
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['--import', TRAP, probe], {
      env: { ...process.env, SHELFSCOPE_TEST_NET_LOG: log, SHELFSCOPE_TEST_NET_ALLOW: `127.0.0.1:${port}` },
      timeout: 30_000,
    });
    const lines = fs.readFileSync(log, 'utf8');
    expect(lines).toMatch(/BLOCKED connect 192\.0\.2\.1:80/);
    expect(lines).toMatch(/BLOCKED dns lookup example\.com/);
    expect(lines).toMatch(/BLOCKED spawn curl/);
    expect(lines.match(/BLOCKED connect 192\.0\.2\.1:80/g)?.length).toBeGreaterThanOrEqual(2);
    expect(lines).toMatch(/BLOCKED connect 192\.0\.2\.1:81/);
  }, 60_000);

  it('import, index, search, ask and stats reach nothing but the loopback model server', async () => {
    const catalog = path.join(work, 'hermes');
    const runs = [
      await trapped(['import', HERMES_CSV, '--catalog', catalog, '--json']),
      await trapped(['index', '--catalog', catalog, '--json']),
      await trapped(['search', '--catalog', catalog, '--json', 'warm boots under $80']),
      await trapped([
        'search',
        '--catalog',
        catalog,
        '--json',
        '--mode',
        'semantic',
        'something for the beach',
      ]),
      await trapped(['ask', '--catalog', catalog, '--json', 'which sunglasses are good for the beach?']),
      await trapped(['ask', '--catalog', catalog, '--json', 'how many bags cost under $50?']),
      await trapped(['stats', '--catalog', catalog, '--json']),
    ];
    for (const { run, attempts, sockets } of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(attempts.filter((a) => !a.startsWith('allowed'))).toEqual([]);
      expect(sockets.filter((s) => !s.loopback)).toEqual([]);
    }
    // The allowed peer was really used (so the trap was not simply blind): ask went to the model server.
    expect(modelRequests).toBeGreaterThan(0);
    const asked = runs[4];
    expect(asked.attempts.some((a) => a === `allowed connect 127.0.0.1:${port}`)).toBe(true);
    expect(runs.slice(0, 4).every((r) => r.attempts.length === 0)).toBe(true);
    console.info(`offline: sockets seen from /proc during ask: ${JSON.stringify(asked.sockets)}`);
  }, 600_000);
});
