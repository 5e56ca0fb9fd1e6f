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
  /** User + system CPU time of the child (all its threads), from /proc; immune to other load. */
  cpuMs: number;
  /** Milliseconds after spawn at which each stderr line arrived. */
  stderrLines: { atMs: number; line: string }[];
}

// Linux reports CPU time in clock ticks of 1/100 s on every mainstream kernel configuration.
const TICK_MS = 10;

function readCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
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
    let cpuMs = 0;
    const stderrLines: ChildRun['stderrLines'] = [];
    let partial = '';
    const poll = setInterval(() => {
      if (!child.pid) return;
      peakKb = Math.max(peakKb, readHwmKb(child.pid));
      cpuMs = Math.max(cpuMs, readCpuMs(child.pid));
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
        cpuMs,
        stderrLines,
      });
    });
  });
}
