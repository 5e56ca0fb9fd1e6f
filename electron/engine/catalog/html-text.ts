import { Parser } from 'htmlparser2';

/** Elements that end a line of text: a paragraph, a list item, a table row, a heading. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);
/** Elements whose text is not prose a buyer reads. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);
/** A table cell sits beside the next one, not above it. */
const INLINE_BREAK = new Set(['td', 'th']);

/**
 * Readable text of an HTML fragment as platform exports write descriptions (`<p>`, `<br>`, `&amp;`,
 * `&nbsp;`): tags dropped, entities decoded, block elements on their own lines, runs of spaces
 * collapsed. Text without markup or entities is returned as it is, which keeps plain files fast.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const lines: string[] = [];
  let line = '';
  let hidden = 0;
  const endLine = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t !== '') lines.push(t);
    line = '';
  };
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (INLINE_BREAK.has(name)) line += ' ';
        else if (BLOCK.has(name)) endLine();
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (INLINE_BREAK.has(name)) line += ' ';
        else if (BLOCK.has(name)) endLine();
      },
      ontext(text) {
        if (hidden === 0) line += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}
