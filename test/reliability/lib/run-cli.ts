// Runs the real `shelfscope` CLI in a child process, the way a user or a script does, and watches it from
// the outside: wall time, exit code or signal, and resident memory (polled from /proc, and the kernel's
// own peak reported by the child at exit).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(REPO, 'bin/shelfscope.js');
const PEAK_RSS_PROBE = path.join(import.meta.dirname, 'peak-rss-probe.ts');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The child's peak resident set (bytes): its own getrusage at exit, else the highest VmHWM polled. */
  peakRss: number;
  /** Why the harness ended the child itself, if it did. */
  stoppedBy: 'timeout' | 'memory' | 'kill' | null;
}

export interface CliOptions {
  timeoutMs?: number;
  /** SIGKILL the child when its RSS passes this (an unbounded-memory guard). */
  maxRssBytes?: number;
  env?: Record<string, string>;
  /** Extra `--import` preloads for the child (absolute paths). */
  preload?: string[];
  /** Gets a function that SIGKILLs the child, for harnesses that pick their own moment. */
  onStart?: (kill: () => void, pid: number) => void;
}

export function readVmHwm(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const probeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-probe-')), 'peak.json');
  const preloads = [PEAK_RSS_PROBE, ...(opts.preload ?? [])].flatMap((p) => ['--import', p]);
  const started = performance.now();
  const child = spawn(process.execPath, [...preloads, BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, ...opts.env, SHELFSCOPE_TEST_PEAK_FILE: probeFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let polledPeak = 0;
  let stoppedBy: CliRun['stoppedBy'] = null;
  const stop = (why: NonNullable<CliRun['stoppedBy']>) => {
    if (stoppedBy) return;
    stoppedBy = why;
    child.kill('SIGKILL');
  };
  const poll = setInterval(() => {
    const pid = child.pid;
    if (pid === undefined || child.exitCode !== null) return;
    polledPeak = Math.max(polledPeak, readVmHwm(pid));
    if (opts.maxRssBytes && polledPeak > opts.maxRssBytes) stop('memory');
  }, 50);
  const timer = setTimeout(() => stop('timeout'), opts.timeoutMs ?? 60_000);
  if (child.pid !== undefined) opts.onStart?.(() => stop('kill'), child.pid);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      let reported = 0;
      try {
        reported = (JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { maxRss: number }).maxRss;
      } catch {
        // Killed children report nothing; the polled peak stands.
      }
      fs.rmSync(path.dirname(probeFile), { recursive: true, force: true });
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ms: Math.round(performance.now() - started),
        peakRss: Math.max(reported, polledPeak),
        stoppedBy,
      });
    });
  });
}
