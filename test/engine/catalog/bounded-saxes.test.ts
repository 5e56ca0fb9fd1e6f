import { describe, expect, it } from 'vitest';
import { boundedSaxesParser, writeBounded } from '../../../electron/engine/catalog/bounded-saxes.ts';

/** Parses `chunks`, recording what each handler got and what writeBounded reported after each chunk. */
function parse(chunks: string[]) {
  const parser = boundedSaxesParser({});
  const events: string[] = [];
  let texts: string[] = [];
  const characters = (t: string) => texts.push(t);
  parser.on('text', characters);
  parser.on('cdata', characters);
  parser.on('opentag', (tag) => events.push(`<${tag.name}>`));
  parser.on('closetag', (tag) => {
    events.push(`${texts.join('')}</${tag.name}>`);
    texts = [];
  });
  const held: number[] = [];
  const pieces: string[][] = [];
  for (const chunk of chunks) {
    held.push(writeBounded(parser, chunk, characters));
    pieces.push([...texts]);
  }
  parser.close();
  return { events, held, pieces };
}

describe('writeBounded', () => {
  it('hands a text node over chunk by chunk, and the pieces make the same text saxes would', () => {
    const chunks = ['<a>one ', 'two &am', 'p; three\r', '\nfour</a>'];
    const { events, pieces } = parse(chunks);
    expect(events).toEqual(['<a>', 'one two & three\nfour</a>']);
    // Taken after the first chunk already, not held until the text node ends.
    expect(pieces[0]).toEqual(['one ']);
  });

  it('does the same inside CDATA, even when a chunk ends on its closing brackets', () => {
    // 'z' then ']]]>': one bracket of content, then the end of the section.
    const { events, pieces } = parse(['<a><![CDATA[x <y> ', 'z]', ']', ']>w</a>']);
    expect(events).toEqual(['<a>', 'x <y> z]w</a>']);
    expect(pieces[0]).toEqual(['x <y> ']);
  });

  it('never buffers a long text node whole', () => {
    const parser = boundedSaxesParser({});
    let longest = 0;
    const characters = (t: string) => (longest = Math.max(longest, t.length));
    parser.on('text', characters);
    parser.write('<a>');
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 100; i++) writeBounded(parser, chunk, characters);
    parser.write('</a>');
    parser.close();
    expect(longest).toBe(chunk.length);
  });

  it('reports what it cannot hand over: an attribute, comment or tag name being read', () => {
    const { held } = parse(['<a b="', 'x'.repeat(1000), '"><!-- ', 'y'.repeat(500), ' --></a>']);
    expect(held[1]).toBeGreaterThanOrEqual(1000);
    expect(held[2]).toBeLessThan(10);
    expect(held[3]).toBeGreaterThanOrEqual(500);
    expect(held[4]).toBe(0);
  });

  it('counts the attributes a tag has collected so far, however many chunks they came in', () => {
    const attributes = Array.from({ length: 100 }, (_, i) => ` a${i}="${'v'.repeat(1000)}"`);
    const { held } = parse(['<a', ...attributes, '>', '</a>']);
    expect(held[100]).toBeGreaterThanOrEqual(100 * 1000);
    expect(held[101]).toBe(0);
  });
});
