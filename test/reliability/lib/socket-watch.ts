// Watches a running process from the outside, through /proc, for Internet sockets (TCP/UDP, v4/v6): a
// second witness beside the in-process trap, one that native code cannot slip past unless its socket
// lives shorter than a poll.
import fs from 'node:fs';

const TABLES = ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6'];

export interface InetSocket {
  table: string;
  remote: string;
  loopback: boolean;
}

/** "0100007F:1F90" (tcp) or 32 hex digits + port (tcp6) → a readable address and whether it is loopback. */
function decode(hex: string): { address: string; loopback: boolean } {
  const [addr, port] = hex.split(':');
  const p = parseInt(port, 16);
  if (addr.length === 8) {
    const bytes =
      addr
        .match(/../g)
        ?.map((b) => parseInt(b, 16))
        .reverse() ?? [];
    return { address: `${bytes.join('.')}:${p}`, loopback: bytes[0] === 127 || bytes.every((b) => b === 0) };
  }
  const loopback =
    addr === '00000000000000000000000001000000' ||
    addr === '00000000000000000000000000000000' ||
    /^0000000000000000FFFF0000..00007F$/i.test(addr) ||
    /^0000000000000000FFFF00000{7}0$/i.test(addr);
  return { address: `[${addr}]:${p}`, loopback };
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // The fd closed between the listing and the read.
    }
  }
  return inodes;
}

function inetSockets(pid: number, inodes: Set<string>): InetSocket[] {
  const found: InetSocket[] = [];
  for (const table of TABLES) {
    let text = '';
    try {
      text = fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || !inodes.has(cols[9])) continue;
      const remote = decode(cols[2]);
      found.push({ table, remote: remote.address, loopback: remote.loopback });
    }
  }
  return found;
}

/** Polls `pid` every few milliseconds until stopped; returns every distinct Internet socket it saw. */
export function watchSockets(pid: number, everyMs = 5): { stop(): InetSocket[] } {
  const seen = new Map<string, InetSocket>();
  const timer = setInterval(() => {
    const inodes = socketInodes(pid);
    if (inodes.size === 0) return;
    for (const s of inetSockets(pid, inodes)) seen.set(`${s.table} ${s.remote}`, s);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return [...seen.values()];
    },
  };
}
