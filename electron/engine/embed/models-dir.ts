import { fileURLToPath } from 'node:url';

/** The folder holding models/<name>/; the packaged app points SHELFSCOPE_MODELS_DIR at its resources. */
export function defaultModelsDir(): string {
  return process.env.SHELFSCOPE_MODELS_DIR || fileURLToPath(new URL('../../../models/', import.meta.url));
}
