import { answerQuestion } from '../../electron/engine/ask/answer.ts';
import type { CatalogService } from '../../electron/engine/catalog-service.ts';
import type { LatencyStats } from '../lib/timing.ts';
import { latencyStats, timeEach } from '../lib/timing.ts';

/** Built-in answers (SQL for counts, retrieval for descriptions); no local LLM is configured here. */
export async function measureAsk(catalog: CatalogService, questions: string[]): Promise<LatencyStats> {
  const settings = { llmEndpoint: null, llmModel: null, llmTimeoutMs: 15_000 };
  await answerQuestion(catalog, 'how many products are there?', settings);
  return latencyStats(
    await timeEach(questions, (q) => {
      catalog.searcher.clearCache();
      return answerQuestion(catalog, q, settings);
    }),
  );
}
