import type { AskRoute } from '../../../shared/types.ts';
import type { CatalogService } from '../catalog-service.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { Db } from '../store/database.ts';
import type { Budget, ContextProduct } from './context.ts';

/** What a route hands back: the exact facts and the products they rest on, before budgeting. */
export interface Draft {
  route: AskRoute;
  facts: string[];
  products: ContextProduct[];
  /** How many products qualified in all (the answer shows at most the budget's worth). */
  qualifying: number;
  /** Whether the answer lists the products after the facts. */
  listProducts: boolean;
}

/** What every route may use to answer one question. */
export interface AskEnv {
  catalog: CatalogService;
  db: Db;
  question: string;
  currency: string | null;
  budget: Budget;
  embedder: () => Promise<Embedder>;
}
