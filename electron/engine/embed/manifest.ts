import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** models/<name>/manifest.json: everything needed to run a model (see models/README.md). */
export const ModelManifest = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  onnx: z.string().min(1),
  dimensions: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  /** "none": the model outputs one vector per text; "mean"/"cls": pool its per-token output. */
  pooling: z.enum(['none', 'mean', 'cls']),
  normalize: z.literal(true),
  tokenizer: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('use-sentencepiece'), vocab: z.string().min(1) }),
    z.object({
      kind: z.literal('hf-tokenizer-json'),
      file: z.string().min(1),
      config: z.string().min(1).optional(),
    }),
  ]),
  /** "use-sparse": inputs `indices` [N,2] + `values` [N]; "bert": input_ids/attention_mask/(token_type_ids). */
  inputs: z.enum(['use-sparse', 'bert']),
});
export type ModelManifest = z.infer<typeof ModelManifest>;

export async function readModelManifest(modelDir: string): Promise<ModelManifest> {
  const path = join(modelDir, 'manifest.json');
  const raw = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const parsed = ModelManifest.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid model manifest ${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
