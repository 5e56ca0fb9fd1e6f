import type { Settings } from '../../../shared/types.ts';
import type { AskContext } from './context.ts';
import { renderContext } from './context.ts';

export type ModelOutcome = { ok: true; answer: string; citations: string[] } | { ok: false; reason: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const MAX_ANSWER_CHARS = 4_000;
const CITATION = /\[([^[\]\s]{1,64})\]/g;
// Amounts a model could invent: decimals and currency-marked numbers must be found in the context.
const AMOUNT = /(?:[$€£¥₹]\s?)?\d[\d,]*\.\d+|[$€£¥₹]\s?\d[\d,]*/g;

const SYSTEM = [
  'You answer questions about a product catalog using ONLY the facts and products given.',
  'Never invent products, prices, stock levels or other numbers.',
  'Cite every product you mention by its id in square brackets, e.g. [ABC123], using only ids that appear in the products given.',
  'If the facts say nothing matches, say so plainly. Answer in a few short sentences.',
].join(' ');

/** The chat-completions URL for what the user typed: a full URL, a `/v1` base, or a bare host. */
export function chatUrl(endpoint: string): URL {
  const url = new URL(endpoint);
  if (!/^https?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname)) {
    throw new Error('the language-model endpoint must be http(s) on localhost, 127.0.0.1 or [::1]');
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/chat/completions'))
    url.pathname = `${path.endsWith('/v1') ? path : `${path}/v1`}/chat/completions`;
  return url;
}

/**
 * Lets a local OpenAI-compatible model phrase the answer from the same bounded context. Its answer is
 * accepted only if every id it cites is a product of the context (at least one, when there are any)
 * and every amount it writes appears in the context; otherwise the caller keeps the built-in answer.
 */
export async function phraseWithModel(ctx: AskContext, settings: Settings): Promise<ModelOutcome> {
  const context = renderContext(ctx);
  const reply = await chat(settings, SYSTEM, context);
  if (!reply.ok) return reply;
  return validate(reply.text.slice(0, MAX_ANSWER_CHARS), ctx, context);
}

export type ChatReply = { ok: true; text: string } | { ok: false; reason: string };

/** One chat completion from the configured local model, at temperature 0; its text, trimmed. */
export async function chat(
  settings: Settings,
  system: string,
  user: string,
  extra: Record<string, unknown> = {},
): Promise<ChatReply> {
  if (!settings.llmEndpoint || !settings.llmModel) return { ok: false, reason: 'no model configured' };
  try {
    const response = await fetch(chatUrl(settings.llmEndpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: settings.llmModel,
        temperature: 0,
        stream: false,
        ...extra,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      }),
      signal: AbortSignal.timeout(settings.llmTimeoutMs),
      redirect: 'error',
    });
    if (!response.ok) return { ok: false, reason: `the model server answered HTTP ${response.status}` };
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    const text = body.choices?.[0]?.message?.content;
    if (typeof text !== 'string' || !text.trim()) return { ok: false, reason: 'the model returned no text' };
    return { ok: true, text: text.trim() };
  } catch (e) {
    const name = (e as Error).name;
    return {
      ok: false,
      reason:
        name === 'TimeoutError'
          ? 'the model did not answer in time'
          : `the model could not be reached: ${(e as Error).message}`,
    };
  }
}

export function validate(answer: string, ctx: AskContext, context: string): ModelOutcome {
  const allowed = new Set(ctx.products.map((p) => p.id));
  const cited = [...new Set([...answer.matchAll(CITATION)].map((m) => m[1]))];
  const invalid = cited.filter((id) => !allowed.has(id));
  if (invalid.length)
    return { ok: false, reason: `the model cited ids not in the context: ${invalid.join(', ')}` };
  if (allowed.size && !cited.length) return { ok: false, reason: 'the model cited no product' };
  const digits = (s: string) => {
    const d = s.replace(/[^\d.]/g, '');
    return d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d;
  };
  const known = new Set([...context.matchAll(AMOUNT)].map((m) => digits(m[0])));
  const invented = [...answer.matchAll(AMOUNT)].map((m) => m[0]).filter((a) => !known.has(digits(a)));
  if (invented.length)
    return { ok: false, reason: `the model wrote amounts not in the context: ${invented.join(', ')}` };
  return { ok: true, answer, citations: cited };
}
