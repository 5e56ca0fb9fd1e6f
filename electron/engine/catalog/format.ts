import type { Format } from './record.ts';

const BY_EXTENSION: Record<string, Format> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  xlsx: 'xlsx',
  xml: 'xml',
  rss: 'xml',
  atom: 'xml',
};

/** The format named by a file's extension, looking through a trailing `.gz`; null when it names none. */
export function formatFromExtension(file: string): Format | null {
  const parts = file.toLowerCase().split(/[\\/]/).pop()!.split('.');
  if (parts.at(-1) === 'gz') parts.pop();
  return parts.length > 1 ? (BY_EXTENSION[parts.at(-1)!] ?? null) : null;
}

/** A best guess from the first bytes of content, for files whose name says nothing. */
export function formatFromContent(head: Buffer): Format {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  const text = head
    .toString('utf8', 0, Math.min(head.length, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<(\?xml|rss|feed|rdf:RDF)[\s>]/.test(text)) return 'xml';
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const firstLine = text.split('\n', 1)[0].trim();
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}
