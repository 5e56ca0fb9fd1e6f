import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../electron/engine/ask/answer.ts';
import type { CatalogService } from '../../../electron/engine/catalog-service.ts';
import type { Answer } from '../../../shared/types.ts';
import { HERMES_CSV } from '../helpers.ts';
import { BUILT_IN, importedWithoutIndex, readCsv } from './ask-each.ts';
import type { Received, Reply } from './model-server.ts';
import { useModelServer } from './model-server.ts';

// A question the grammar reads no structure in ("tally up the Accessories lot") goes to a local model
// for its structure (a stand-in server, model-server.ts). Figures come from SQL, checked against the file.

const hermes = readCsv(HERMES_CSV);
const accessories = hermes.filter((r) => r.category === 'Accessories');
const UNREAD = 'tally up the Accessories lot please';
const isTranslation = (r: Received) => r.body.messages[0].content.includes('JSON structure');

describe('questions translated into the grammar’s structure by a local model', () => {
  let catalog: CatalogService;
  /** The built-in answer to the question the grammar reads no structure in. */
  let asRead: Answer;
  let reply: Reply = { content: '' };
  // Only the translation is under test: a request to phrase the answer gets no text (built-in kept).
  const model = useModelServer((r) => (isTranslation(r) ? reply : { content: '' }));
  const settings = (timeoutMs?: number) => model().settings(timeoutMs);
  const translation = () => model().received.find(isTranslation)?.body.messages;

  beforeAll(async () => {
    catalog = await importedWithoutIndex(HERMES_CSV);
    asRead = await answerQuestion(catalog, UNREAD, BUILT_IN);
  }, 120_000);

  afterAll(() => catalog.close());

  it('counts from SQL what a valid structure asks for, and says the structure came from the model', async () => {
    reply = { content: '{"form":"count","conditions":[{"field":"category","value":"accessories"}]}' };
    const a = await answerQuestion(catalog, UNREAD, settings());
    expect(a.answer.split('\n')[0]).toContain(`${accessories.length} products in Accessories`);
    expect(a.reading).toBe('counted: category = Accessories (structure from the local model)');
    expect(a.route).toBe('aggregate');
    // The prompt offers the catalog's own fields and values, and asks for no number.
    const prompt = translation();
    expect(prompt?.[1].content).toContain('"Accessories"');
    expect(prompt?.[1].content).toContain(`Question: ${UNREAD}`);
    expect(prompt?.[0].content).toContain('never write a number');
  });

  it('groups by a field the structure names', async () => {
    reply = { content: '```json\n{"form":"group-by","field":"category"}\n```' };
    const a = await answerQuestion(catalog, 'what is the spread over our departments', settings());
    const counts = new Map<string, number>();
    for (const r of hermes) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const [top, n] = [...counts].sort((x, y) => y[1] - x[1])[0];
    expect(a.answer).toContain(`The most common category is ${top} (${n} products of ${hermes.length})`);
    expect(a.reading).toContain('(structure from the local model)');
  });

  it.each([
    ['a field the catalog lacks', '{"form":"count","conditions":[{"field":"warranty","value":"2 years"}]}'],
    ['a value the catalog lacks', '{"form":"count","conditions":[{"field":"category","value":"Jewellery"}]}'],
    ['a number of its own', '{"form":"count","count":42,"conditions":[]}'],
    ['prose', 'There are 42 accessories in the catalog.'],
    ['hostile text', '{"form":"count"}; DROP TABLE products; --'],
    ['no structure', '{"form":"none"}'],
  ])('ignores %s and answers as the grammar read it', async (_what, content) => {
    reply = { content };
    const a = await answerQuestion(catalog, UNREAD, settings());
    expect(translation()).toBeDefined();
    expect(a.reading).not.toContain('local model');
    expect(a.answer).not.toContain('42');
    expect([a.answer, a.reading]).toEqual([asRead.answer, asRead.reading]);
  });

  it('answers as the grammar read it when the model does not reply in time', async () => {
    reply = { content: '{"form":"count","conditions":[]}', delayMs: 2_000 };
    const started = performance.now();
    const a = await answerQuestion(catalog, UNREAD, settings(500));
    expect(performance.now() - started).toBeLessThan(1_800);
    expect([a.answer, a.reading]).toEqual([asRead.answer, asRead.reading]);
  });

  it('asks the model nothing when the grammar reads the question', async () => {
    reply = { content: '{"form":"count","conditions":[]}' };
    const a = await answerQuestion(catalog, 'How many accessories are there?', settings());
    expect(translation()).toBeUndefined();
    expect(a.reading).toMatch(/^counted: category = Accessories/);
    expect(a.reading).not.toContain('local model');
  });
});
