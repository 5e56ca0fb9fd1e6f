import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Element and attribute names without their namespace prefix (`x:row` and `row` are the same). */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Feeds streamed XML text through saxes, calling `handlers` for each element, and yields whatever
 * `drain` has collected after each chunk — so a huge part is processed a chunk at a time.
 * Attribute names keep their prefix (`r:id`), element names lose it.
 */
export async function* parseXml<T>(
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: XmlHandlers,
  drain: () => T[],
): AsyncGenerator<T> {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => handlers.open(local(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handlers.close(local(tag.name)));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  for await (const chunk of chunks) {
    parser.write(chunk);
    yield* drain();
  }
  parser.close();
  yield* drain();
}

/** Runs `parseXml` over a whole part for its side effects. */
export async function walkXml(
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: XmlHandlers,
): Promise<void> {
  for await (const _ of parseXml(chunks, handlers, () => [])) void _;
}
