import { boundedSaxesParser, writeBounded } from '../bounded-saxes.ts';
import { CatalogFileError } from '../errors.ts';
import type { ReadLimits } from '../limits.ts';

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  /** Character data, in pieces: a long text node arrives a chunk at a time (see bounded-saxes.ts). */
  text(text: string): void;
}

/** Which part of which workbook is being read, for the limits and their messages. */
export interface XmlPart {
  file: string;
  /** How a message names the part: `sheet "Products"`, `the shared strings`. */
  part: string;
  limits: ReadLimits;
}

/** saxes keeps every open element on a stack; SpreadsheetML nests a handful of levels. */
const MAX_DEPTH = 256;

/** Element and attribute names without their namespace prefix (`x:row` and `row` are the same). */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Feeds streamed XML text through saxes, calling `handlers` for each element, and yields whatever
 * `drain` has collected after each chunk — so a huge part is processed a chunk at a time. Text reaches
 * `handlers.text` as it streams, never buffered whole; malformed XML, a tag or attribute larger than the
 * record limit, or elements nested deeper than any workbook needs refuse the file.
 * Attribute names keep their prefix (`r:id`), element names lose it.
 */
export async function* parseXml<T>(
  where: XmlPart,
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: XmlHandlers,
  drain: () => T[],
): AsyncGenerator<T> {
  const { file, part, limits } = where;
  const parser = boundedSaxesParser({ position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > MAX_DEPTH)
      throw new CatalogFileError(file, `${part}: elements nest more than ${MAX_DEPTH} levels deep`);
    handlers.open(local(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close(local(tag.name));
  });
  const text = (t: string) => handlers.text(t);
  parser.on('text', text);
  parser.on('cdata', text);
  const malformed = (err: unknown) =>
    err instanceof Error && !(err instanceof CatalogFileError)
      ? new CatalogFileError(file, `${part} is not well-formed XML (${err.message.replace(/\.$/, '')})`)
      : err;
  for await (const chunk of chunks) {
    let held: number;
    try {
      held = writeBounded(parser, chunk, text);
    } catch (err) {
      throw malformed(err);
    }
    if (held > limits.maxRecordChars) {
      throw new CatalogFileError(
        file,
        `${part}: a tag or attribute is larger than the ${limits.maxRecordChars.toLocaleString('en')}-character limit`,
      );
    }
    yield* drain();
  }
  try {
    parser.close();
  } catch (err) {
    throw malformed(err);
  }
  yield* drain();
}

/** Runs `parseXml` over a whole part for its side effects. */
export async function walkXml(
  where: XmlPart,
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: XmlHandlers,
): Promise<void> {
  for await (const _ of parseXml(where, chunks, handlers, () => [])) void _;
}
