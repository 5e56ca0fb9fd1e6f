import type { Answer } from '../../../shared/types.ts';

/**
 * Who answered, for the line under an answer. `model` is the local model configured at the time; when it
 * was configured but the answer is built-in, the engine kept its own answer (the model failed, was too
 * slow, or cited something outside the catalog), and the user should know the model was passed over.
 */
export function answeredByLabel(by: Answer['answeredBy'], model: string | null): string {
  if (by === 'llm') return model ? `phrased by local model ${model}` : 'phrased by the local model';
  return model
    ? `answered by the built-in engine (local model ${model} gave no usable answer)`
    : 'answered by the built-in engine';
}
