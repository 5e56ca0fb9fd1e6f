// saxes hands a text node (or CDATA section) over only when it ends, and buffers it until then: a multi-
// gigabyte cell or description would sit whole in memory (and past V8's string limit fail with "Invalid
// string length") before any field limit could look at it. saxes 6 has no public way to take that buffer
// early, so `writeBounded` reaches into the two private fields that hold it. This is the only module that
// does; saxes is pinned (package.json), and the probe below proves on first use that the fields behave as
// expected, so an upgrade that changes them fails every XML read loudly instead of quietly unbounding memory.
import { SaxesParser } from 'saxes';
import type { SaxesOptions } from 'saxes';

/** The private state of saxes 6.0.0 this module reads (see saxes.js: `state`, `text`, `name`, …). */
interface SaxesInternals {
  state: number;
  /** Character data being collected; in other states, an attribute value, comment, PI or doctype body. */
  text: string;
  name: string;
  entity: string;
  piTarget: string;
  openWakaBang: string;
  /** The attributes of the tag being read, so far. */
  attribList: { name: string; value: string }[];
}

// saxes 6 states: S_TEXT, then S_CDATA, S_CDATA_ENDING (after `]`), S_CDATA_ENDING_2 (after `]]`). In these,
// and only these, `text` is character data the parser will hand to its text/cdata handler.
const S_TEXT = 13;
const S_CDATA = 20;
const CHARACTER_DATA_STATES = new Set([S_TEXT, S_CDATA, 21, 22]);

const internals = (parser: object) => parser as unknown as SaxesInternals;

let probed = false;

function fail(what: string): never {
  throw new Error(
    `saxes no longer behaves like 6.0.0 (${what}), which bounded-saxes.ts relies on to keep huge text ` +
      'nodes out of memory: pin saxes to 6.0.0 or adapt bounded-saxes.ts',
  );
}

/** Checks, once, that saxes still keeps pending character data where this module takes it from. */
function probeSaxes(): void {
  if (probed) return;
  const parser = new SaxesParser();
  const seen: string[] = [];
  parser.on('text', (t) => seen.push(t));
  parser.on('cdata', (t) => seen.push(t));
  const p = internals(parser);
  const buffers = [p.text, p.name, p.entity, p.piTarget, p.openWakaBang];
  if (buffers.some((b) => typeof b !== 'string') || !Array.isArray(p.attribList))
    fail('its internal buffers are missing');
  const attributes = new SaxesParser();
  attributes.write('<a b="cd" e="f');
  const [attribute] = internals(attributes).attribList;
  if (attribute?.name !== 'b' || attribute.value !== 'cd')
    fail('the attributes being read are not in parser.attribList');
  const steps: [string, number, string][] = [
    ['<a>xy', S_TEXT, 'xy'],
    ['z<![CDATA[uv', S_CDATA, 'uv'],
  ];
  for (const [chunk, state, text] of steps) {
    parser.write(chunk);
    if (p.state !== state || p.text !== text) fail('pending text is not in parser.text');
    p.text = '';
  }
  parser.write(']]>w</a>');
  parser.close();
  if (seen.join('|') !== 'z||w') fail('text taken from parser.text is emitted again');
  probed = true;
}

/** A saxes parser for `writeBounded`; throws if this saxes is not one `writeBounded` can bound. */
export function boundedSaxesParser<O extends SaxesOptions>(options: O): SaxesParser<O> {
  probeSaxes();
  return new SaxesParser(options);
}

/**
 * Writes `chunk` to `parser`, then hands the character data it is still holding (the unfinished text node
 * or CDATA section) to `characters`, the function its text and cdata handlers call, and empties that
 * buffer: a text node reaches `characters` in pieces no larger than a chunk, so a limit on it can be
 * applied as it streams. Returns how many characters the parser still holds in its other buffers (the
 * tag being read with its attributes so far, a comment, a processing instruction, an entity name) so
 * the caller can refuse the document when that outgrows its limit.
 */
export function writeBounded<O extends SaxesOptions>(
  parser: SaxesParser<O>,
  chunk: string,
  characters: (text: string) => void,
): number {
  probeSaxes();
  parser.write(chunk);
  const p = internals(parser);
  let held = p.name.length + p.entity.length + p.piTarget.length + p.openWakaBang.length;
  for (const a of p.attribList) held += a.name.length + a.value.length;
  if (!CHARACTER_DATA_STATES.has(p.state)) return held + p.text.length;
  if (p.text) {
    const pending = p.text;
    p.text = '';
    characters(pending);
  }
  return held;
}
