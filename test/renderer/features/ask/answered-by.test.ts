import { describe, expect, it } from 'vitest';
import { answeredByLabel } from '../../../../renderer/features/ask/answered-by.ts';

describe('answeredByLabel', () => {
  it('names the local model that phrased an answer', () => {
    expect(answeredByLabel('llm', 'llama3.2')).toBe('phrased by local model llama3.2');
    expect(answeredByLabel('llm', null)).toBe('phrased by the local model');
  });

  it('says the built-in engine answered, and that a configured model was passed over', () => {
    expect(answeredByLabel('built-in', null)).toBe('answered by the built-in engine');
    expect(answeredByLabel('built-in', 'llama3.2')).toBe(
      'answered by the built-in engine (local model llama3.2 gave no usable answer)',
    );
  });
});
