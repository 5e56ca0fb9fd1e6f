import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProbeReply } from './probe-child.ts';
import type { ProbeRequest, ProbeResult } from './probe.ts';

/** A probe that runs longer is stuck (a graph that loops or allocates without end) and is killed. */
const PROBE_TIMEOUT_MS = 5 * 60_000;
const CHILD = new URL('./probe-child.ts', import.meta.url);

function crashed(req: ProbeRequest, how: string, stderr: string): Error {
  const last = stderr.trim().split('\n').filter(Boolean).pop();
  return new Error(
    `ONNX Runtime stopped while loading or running ${req.onnx} (${how})${last ? `: ${last.slice(0, 300)}` : ''}; the file is not a usable model`,
  );
}

/**
 * Probes the model in a child process, so a native crash or a runaway allocation in ONNX Runtime ends
 * that process, not the engine. Electron's own binary cannot be forked as Node once its RunAsNode fuse
 * is off, so there the probe runs in a worker thread: that contains errors and hangs, not native aborts.
 */
export function probeIsolated(
  req: ProbeRequest,
  signal?: AbortSignal,
  timeoutMs = PROBE_TIMEOUT_MS,
  isolation: 'process' | 'worker' = process.versions.electron ? 'worker' : 'process',
): Promise<ProbeResult> {
  return isolation === 'worker'
    ? probeInWorker(req, signal, timeoutMs)
    : probeInChild(req, signal, timeoutMs);
}

function settle(
  req: ProbeRequest,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  start: (done: (outcome: Error | ProbeReply) => void) => () => void,
): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    let finished = false;
    let stop = () => undefined as void;
    const done = (outcome: Error | ProbeReply) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      stop();
      if (outcome instanceof Error) reject(outcome);
      else if (outcome.ok) resolve(outcome.result);
      else reject(new Error(outcome.error));
    };
    const onAbort = () => done(Object.assign(new Error('cancelled'), { code: 'cancelled' }));
    const timer = setTimeout(
      () =>
        done(
          new Error(
            `${req.onnx} did not finish its checks in ${Math.round(timeoutMs / 1000)} s; it was stopped`,
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    stop = start(done);
  });
}

function probeInChild(
  req: ProbeRequest,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<ProbeResult> {
  return settle(req, signal, timeoutMs, (done) => {
    const child = fork(fileURLToPath(CHILD), [], {
      execPath: process.execPath,
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.once('message', (reply) => done(reply as ProbeReply));
    child.once('error', (e) => done(e));
    child.once('exit', (code, sig) =>
      done(crashed(req, sig ? `signal ${sig}` : `exit code ${code}`, stderr)),
    );
    child.send(req);
    return () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
  });
}

function probeInWorker(
  req: ProbeRequest,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<ProbeResult> {
  return settle(req, signal, timeoutMs, (done) => {
    const worker = new Worker(CHILD, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    worker.once('message', (reply) => done(reply as ProbeReply));
    worker.once('error', (e) => done(e));
    worker.once('exit', (code) => done(crashed(req, `exit code ${code}`, '')));
    worker.postMessage(req);
    return () => void worker.terminate();
  });
}
