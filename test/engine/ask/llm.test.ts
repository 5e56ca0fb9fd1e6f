import { describe, expect, it } from 'vitest';
import { buildContext, renderContext } from '../../../electron/engine/ask/context.ts';
import { chatUrl, validate } from '../../../electron/engine/ask/llm.ts';

const ctx = buildContext(
  'how much is the wallet?',
  'lookup',
  [],
  [{ id: 'SWL2345', name: 'Sleek Wallet', fields: [['price', '30.00']] }],
  { maxProducts: 8, maxChars: 4_000 },
);
const text = renderContext(ctx);

describe('model answer validation', () => {
  it('accepts an answer citing context ids with amounts from the context', () => {
    expect(validate('The Sleek Wallet [SWL2345] costs $30.', ctx, text)).toEqual({
      ok: true,
      answer: 'The Sleek Wallet [SWL2345] costs $30.',
      citations: ['SWL2345'],
    });
  });

  it('rejects invented ids, missing citations and invented amounts', () => {
    expect(validate('Try the Tote [VBT2345].', ctx, text).ok).toBe(false);
    expect(validate('The wallet costs 30.00.', ctx, text).ok).toBe(false);
    expect(validate('The Sleek Wallet [SWL2345] costs $25.50.', ctx, text).ok).toBe(false);
  });
});

describe('chatUrl', () => {
  it('completes a base URL to the chat-completions path', () => {
    expect(chatUrl('http://127.0.0.1:11434').href).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(chatUrl('http://localhost:8080/v1/').href).toBe('http://localhost:8080/v1/chat/completions');
    expect(chatUrl('http://[::1]:1234/v1/chat/completions').href).toBe(
      'http://[::1]:1234/v1/chat/completions',
    );
  });

  it('refuses anything but loopback', () => {
    expect(() => chatUrl('http://example.com/v1')).toThrow(/localhost/);
    expect(() => chatUrl('http://192.168.1.10:11434')).toThrow(/localhost/);
  });
});
