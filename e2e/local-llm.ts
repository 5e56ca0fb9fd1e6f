// A tiny OpenAI-compatible chat server on 127.0.0.1 for the e2e journeys: it answers every
// POST /v1/chat/completions by recommending the first product of the context, cited by id the way the
// engine's validator requires ("[ID]"), so the app shows a model's answer without a real model.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalLlm {
  /** The base URL a user would type, e.g. http://127.0.0.1:40123/v1 */
  endpoint: string;
  /** The bodies of the chat requests received so far. */
  requests: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string };
  }[];
  close(): Promise<void>;
}

/** Context lines look like "Product: Retro Sunglasses (RSG8901): $26.99, …". */
const PRODUCT_LINE = /^Product: (.+?) \(([^()\s]+)\)/m;

export const modelAnswer = (name: string, id: string) => `The local model recommends the ${name} [${id}].`;

export async function startLocalLlm(): Promise<LocalLlm> {
  const requests: LocalLlm['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body) as LocalLlm['requests'][number];
      requests.push(request);
      const context = request.messages.find((m) => m.role === 'user')?.content ?? '';
      const product = PRODUCT_LINE.exec(context);
      const content = product ? modelAnswer(product[1], product[2]) : 'Nothing in the catalog matches.';
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-e2e',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
