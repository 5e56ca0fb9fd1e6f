import { Tokenizer } from '@huggingface/tokenizers';

export interface HfTokenizer {
  /** Token ids with the model's special tokens, cut to `maxTokens` (a closing special token is kept). */
  encode(text: string): number[];
  readonly padId: number;
}

interface TokenizerJson {
  padding?: { pad_id?: number } | null;
}

/** Wraps a Hugging Face tokenizer.json; the library does no truncation, so it is done here. */
export function createHfTokenizer(tokenizerJson: object, config: object, maxTokens: number): HfTokenizer {
  const tokenizer = new Tokenizer(tokenizerJson, config);
  const special = new Set(
    [...tokenizer.get_added_tokens_decoder()].filter(([, token]) => token.special).map(([id]) => id),
  );
  return {
    padId: (tokenizerJson as TokenizerJson).padding?.pad_id ?? 0,
    encode(text) {
      const { ids } = tokenizer.encode(text);
      if (ids.length <= maxTokens) return ids;
      const last = ids[ids.length - 1];
      return special.has(last) ? [...ids.slice(0, maxTokens - 1), last] : ids.slice(0, maxTokens);
    },
  };
}
