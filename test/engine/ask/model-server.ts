// A stand-in for Ollama / llama.cpp / LM Studio: an OpenAI-compatible chat endpoint on loopback whose
// reply each test chooses (no language model can run on these machines).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Settings } from '../../../shared/types.ts';

export interface Received {
  url: string;
  body: { model: string; messages: { role: string; content: string }[] };
}

export interface Reply {
  content: string;
  delayMs?: number;
  status?: number;
}

export interface ModelServer {
  /** Every request since the last `received.length = 0`. */
  received: Received[];
  /** Settings pointing the engine at this server. */
  settings: (timeoutMs?: number) => Settings;
  close: () => Promise<void>;
}

/** Starts the server; `reply` chooses the answer to each request. */
export async function startModelServer(reply: (request: Received) => Reply): Promise<ModelServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      const request = { url: req.url ?? '', body: JSON.parse(data) as Received['body'] };
      received.push(request);
      const r = reply(request);
      const send = () => {
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: r.content } }] }));
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    received,
    settings: (timeoutMs = 5_000) => ({ llmEndpoint: base, llmModel: 'test-model', llmTimeoutMs: timeoutMs }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The server for one describe block: started before its tests, its requests forgotten before each
 * test, closed after them. Read `server()` inside tests.
 */
export function useModelServer(reply: (request: Received) => Reply): () => ModelServer {
  let model: ModelServer | undefined;
  beforeAll(async () => {
    model = await startModelServer(reply);
  });
  beforeEach(() => {
    if (model) model.received.length = 0;
  });
  afterAll(() => model?.close());
  return () => {
    if (!model) throw new Error('the model server is not started');
    return model;
  };
}
