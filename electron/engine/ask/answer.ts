import type { Answer, Settings } from '../../../shared/types.ts';
import type { CatalogService } from '../catalog-service.ts';
import type { Embedder } from '../embed/embedder.ts';
import { answerAggregate } from './aggregate.ts';
import { answerComparison } from './compare.ts';
import { answerGroupComparison } from './compare-groups.ts';
import { composeAnswer } from './compose.ts';
import type { AskContext, Budget } from './context.ts';
import { buildContext, DEFAULT_BUDGET } from './context.ts';
import { answerDescriptive } from './describe.ts';
import type { AskEnv, Draft } from './draft.ts';
import { questionEmbedder } from './evidence.ts';
import { answerForeign } from './language.ts';
import { phraseWithModel } from './llm.ts';
import { answerLookup } from './lookup.ts';
import { noMatch } from './no-match.ts';
import { nearestIds } from './refs.ts';
import type { Plan } from './route.ts';
import { planQuestion } from './route.ts';
import type { Alternative } from './reading.ts';
import { readingOf, renderReading } from './reading.ts';
import { answerSuperlative } from './superlative.ts';
import { translateWithModel } from './translate.ts';
import { answerUnknownField } from './unknown-field.ts';
import { answerVariants } from './variants.ts';
import { vocabularyOf } from './values.ts';

export interface PreparedAnswer {
  context: AskContext;
  /** The engine's own answer, composed from the context alone. */
  builtIn: string;
  /** The question as read, in the catalog's fields: "counted: category = Accessories". */
  reading: string;
  alternatives: Alternative[];
}

/** Routes the question, runs the route and fits what it found into the budget. */
export async function prepareAnswer(
  catalog: CatalogService,
  question: string,
  budget: Budget,
  settings: Settings | null = null,
): Promise<PreparedAnswer> {
  const db = catalog.handle.reader;
  let embedder: Promise<Embedder> | null = null;
  const env: AskEnv = {
    catalog,
    db,
    question,
    currency: vocabularyOf(db).currency,
    budget,
    embedder: () => (embedder ??= questionEmbedder(catalog)),
  };
  const read = planQuestion(db, question);
  // A question the grammar reads no structure in may be translated by a configured local model.
  const translated =
    read.plan.route === 'descriptive' && settings?.llmEndpoint && settings.llmModel
      ? await translateWithModel(db, question, settings)
      : null;
  const plan = translated?.ok ? translated.plan : read.plan;
  const alternatives = translated?.ok ? [] : read.alternatives;
  const draft = await runPlan(env, plan);
  const context = buildContext(question, draft.route, draft.facts, draft.products, budget, draft.qualifying);
  return {
    context,
    builtIn: composeAnswer(context, draft.listProducts),
    reading: `${renderReading(readingOf(plan, env.currency))}${translated?.ok ? ' (structure from the local model)' : ''}`,
    alternatives,
  };
}

async function runPlan(env: AskEnv, plan: Plan): Promise<Draft> {
  switch (plan.route) {
    case 'aggregate':
      return answerAggregate(env, plan.op, plan.conditions);
    case 'superlative':
      return answerSuperlative(env, plan.order, plan.count, plan.conditions, plan.text);
    case 'lookup':
      return answerLookup(env, plan.products, plan.wants, plan.conditions);
    case 'variants':
      return answerVariants(env, plan.products, plan.ask);
    case 'comparison':
      return answerComparison(env, plan.products, plan.text);
    case 'descriptive':
      return answerDescriptive(env, plan.conditions, plan.text, plan.noun);
    case 'compare-groups':
      return answerGroupComparison(env, plan.ask);
    case 'unknown-field':
      return answerUnknownField(env, plan.name);
    case 'foreign':
      return answerForeign();
    case 'unknown-id': {
      const nearest = plan.codes.flatMap((c) => nearestIds(env.db, c, 1));
      const lead = [
        `No product has the id ${plan.codes.join(' or ')}.`,
        ...(nearest.length
          ? [`Did you mean ${nearest.map((r) => `${r.id} (${r.name})`).join(' or ')}?`]
          : []),
      ];
      return noMatch(env, plan.text, { lead, nearest });
    }
  }
}

/**
 * Answers a question about one catalog. The built-in answer always exists; a configured local model may
 * phrase it instead, from the same bounded context, and is overruled if it cites anything outside it.
 * Every cited id is checked against the catalog before the answer leaves.
 */
export async function answerQuestion(
  catalog: CatalogService,
  question: string,
  settings: Settings,
  opts: { budget?: Budget } = {},
): Promise<Answer> {
  const started = performance.now();
  const { context, builtIn, reading, alternatives } = await prepareAnswer(
    catalog,
    question.trim(),
    opts.budget ?? DEFAULT_BUDGET,
    settings,
  );
  let answer = builtIn;
  let citations = context.products.map((p) => p.id);
  let answeredBy: Answer['answeredBy'] = 'built-in';
  if (settings.llmEndpoint && settings.llmModel) {
    const outcome = await phraseWithModel(context, settings);
    if (outcome.ok) {
      answer = outcome.answer;
      citations = outcome.citations;
      answeredBy = 'llm';
    }
  }
  const existing = existingIds(catalog, citations);
  citations = citations.filter((id) => existing.has(id));
  return {
    question,
    answer,
    citations,
    basedOn: context.products
      .filter((p) => citations.includes(p.id))
      .map((p) => ({ id: p.id, fields: p.fields.map(([f]) => f) })),
    route: context.route,
    answeredBy,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    reading,
    alternatives,
  };
}

function existingIds(catalog: CatalogService, ids: string[]): Set<string> {
  const rows = catalog.handle.reader
    .prepare('SELECT id FROM products WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
