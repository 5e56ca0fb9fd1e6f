// Runs a command as a child process and measures what only a separate process can show honestly:
// wall time from spawn to exit and the peak resident memory (VmHWM) of the child.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssMb: number;
  /** Milliseconds after spawn at which each stderr line arrived. */
  stderrLines: { atMs: number; line: string }[];
}

function readHwmKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function runChild(command: string, args: string[], opts: { cwd?: string } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    const stderrLines: ChildRun['stderrLines'] = [];
    let partial = '';
    const poll = setInterval(() => {
      if (!child.pid) return;
      peakKb = Math.max(peakKb, readHwmKb(child.pid));
    }, 50);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      stderr += d.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      const at = performance.now() - started;
      for (const line of lines) stderrLines.push({ atMs: at, line });
    });
    child.on('error', (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({
        code: code ?? 1,
        stdout,
        stderr,
        wallMs: performance.now() - started,
        peakRssMb: Math.round(peakKb / 1024),
        stderrLines,
      });
    });
  });
}
