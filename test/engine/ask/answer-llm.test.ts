import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../electron/engine/ask/answer.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import { HERMES_CSV, importInto, tempDir } from '../helpers.ts';
import type { Reply } from './model-server.ts';
import { useModelServer } from './model-server.ts';

describe('answers phrased by a local language model', () => {
  let catalog: CatalogService;
  let reply: Reply = { content: '' };
  const model = useModelServer(() => reply);
  const received = () => model().received;
  const settings = (timeoutMs?: number) => model().settings(timeoutMs);

  beforeAll(async () => {
    catalog = CatalogService.open(
      path.join(tempDir('shelfscope-ask-llm-'), 'hermes'),
      createModelProvider(),
      {
        create: true,
      },
    );
    await importInto(catalog, HERMES_CSV, { index: false });
  }, 120_000);

  afterAll(() => catalog.close());

  it('uses the model answer when its citations come from the context', async () => {
    reply = { content: 'Yes, the Retro Sunglasses [RSG8901] are in stock, with 1 unit left.' };
    const a = await answerQuestion(catalog, 'Is RSG8901 in stock?', settings());
    expect(a.answeredBy).toBe('llm');
    expect(a.answer).toBe(reply.content);
    expect(a.citations).toEqual(['RSG8901']);
    expect(a.basedOn).toEqual([{ id: 'RSG8901', fields: ['stock'] }]);
    expect(received()).toHaveLength(1);
    expect(received()[0].url).toBe('/v1/chat/completions');
    expect(received()[0].body.model).toBe('test-model');
    const prompt = received()[0].body.messages.find((m) => m.role === 'user')?.content ?? '';
    expect(prompt).toContain('Retro Sunglasses (RSG8901): 1 unit in stock');
  });

  it('falls back to the built-in answer when the model cites a product outside the context', async () => {
    reply = { content: 'Try the Chelsea Boots [CBT8901] instead.' };
    const a = await answerQuestion(catalog, 'Is RSG8901 in stock?', settings());
    expect(received()).toHaveLength(1);
    expect(a.answeredBy).toBe('built-in');
    expect(a.citations).toEqual(['RSG8901']);
    expect(a.answer).toContain('Retro Sunglasses (RSG8901): 1 unit in stock');
  });

  it('falls back when the model invents an amount', async () => {
    reply = { content: 'The Retro Sunglasses [RSG8901] cost $19.99.' };
    const a = await answerQuestion(catalog, 'How much are the RSG8901 sunglasses?', settings());
    expect(a.answeredBy).toBe('built-in');
    expect(a.answer).toContain('26.99');
  });

  it('falls back when the model does not answer in time', async () => {
    reply = { content: 'Yes [RSG8901].', delayMs: 2_000 };
    const started = performance.now();
    const a = await answerQuestion(catalog, 'Is RSG8901 in stock?', settings(500));
    expect(performance.now() - started).toBeLessThan(1_800);
    expect(a.answeredBy).toBe('built-in');
    expect(a.citations).toEqual(['RSG8901']);
  });

  it('falls back when the server fails', async () => {
    reply = { content: 'oops', status: 500 };
    const a = await answerQuestion(catalog, 'Is RSG8901 in stock?', settings());
    expect(a.answeredBy).toBe('built-in');
  });

  it('makes no request at all unless an endpoint is configured', async () => {
    reply = { content: 'Yes [RSG8901].' };
    const a = await answerQuestion(catalog, 'Is RSG8901 in stock?', {
      llmEndpoint: null,
      llmModel: 'test-model',
      llmTimeoutMs: 5_000,
    });
    expect(a.answeredBy).toBe('built-in');
    expect(received()).toHaveLength(0);
  });
});
