// The entry the model probe runs in: a child process (or, where none can be started, a worker
// thread). It receives one ProbeRequest, answers once, and exits.
import { parentPort } from 'node:worker_threads';
import { probeModel, type ProbeRequest } from './probe.ts';

export type ProbeReply =
  { ok: true; result: Awaited<ReturnType<typeof probeModel>> } | { ok: false; error: string };

async function answer(req: ProbeRequest, send: (reply: ProbeReply) => void): Promise<void> {
  try {
    send({ ok: true, result: await probeModel(req) });
  } catch (e) {
    send({ ok: false, error: (e as Error).message || String(e) });
  }
}

if (parentPort) {
  const port = parentPort;
  port.once('message', (req: ProbeRequest) => void answer(req, (reply) => port.postMessage(reply)));
} else {
  process.once('message', (req: ProbeRequest) => {
    void answer(req, (reply) => process.send?.(reply, () => process.exit(0)));
  });
}
