import type { Db } from '../store/database.ts';
import type { SynonymIndex } from './synonyms.ts';
import { terms } from './text.ts';
import type { TypoCorrector } from './typo.ts';

// Function words of a conversational query ("something for the beach"): matched on their own they
// would pull in every description that contains "for" or "the".
export const STOPWORDS = new Set(
  (
    'a an the and or of for to in on at by with from into about as is are be it its this that these those ' +
    'i me my we our you your some something anything any what which who whose how can could would should ' +
    'do does need want looking look find show give get please'
  ).split(' '),
);

/** One position of the query: any of its alternatives (each a phrase of terms) may match. */
export interface TermGroup {
  alternatives: string[][];
  /** True when the group only offers prefix completions of a word still being typed. */
  prefix: boolean;
}

export interface AnalyzedQuery {
  groups: TermGroup[];
  corrections: { from: string; to: string }[];
  /** Every term that can match, for highlighting. */
  matchedTerms: string[];
  /**
   * The query as the search reads it: the text itself, or, when a word was corrected or is being typed,
   * its words with the correction or the likeliest completion in place. Category and brand detection,
   * accessory detection and the query embedding read this, not the slip.
   */
  readAs: string;
}

export interface AnalyzeContext {
  db: Db;
  synonyms: SynonymIndex;
  /** Null: unknown words are kept as typed (the benchmark measures what completion and correction add). */
  typos: (() => TypoCorrector) | null;
}

/**
 * Turns the free text of a query into FTS term groups: synonyms expand a position into alternatives,
 * and a word the catalog does not contain is completed (if it is a prefix of known words, as while
 * typing) or corrected to the nearest word the catalog does contain.
 */
export function analyzeQuery(text: string, ctx: AnalyzeContext): AnalyzedQuery {
  const all = terms(text);
  const content = all.filter((w) => !STOPWORDS.has(w));
  const typed = content.length ? content : all;
  const corrections: { from: string; to: string }[] = [];
  const replaced = new Map<string, string>();
  const known = ctx.db.prepare('SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1');
  const isKnown = (term: string) => known.get(quote(term)) !== undefined;

  // Words are repaired before synonyms and compounds are looked up, so that those see what the user
  // meant: "bluteooth speaker" is the synonym phrase "bluetooth speaker".
  let typingLast = false;
  const typos = ctx.typos;
  const words = typed.map((word, i) => {
    if (!typos || /\d/.test(word) || word.length < 3 || isKnown(word)) return word;
    const [completion] = i === typed.length - 1 ? typos().complete(word, 1) : [];
    if (completion) {
      typingLast = true;
      replaced.set(word, completion);
      return word;
    }
    const fixed = typos().correct(word);
    if (!fixed) return word;
    corrections.push({ from: word, to: fixed });
    replaced.set(word, fixed);
    return fixed;
  });

  const expansions = ctx.synonyms.expand(words);
  const groups: TermGroup[] = [];
  for (let i = 0; i < words.length;) {
    const expansion = expansions.find((e) => e.start === i);
    if (expansion) {
      const original = words.slice(expansion.start, expansion.end);
      const alternatives = [
        original,
        ...expansion.alternatives.filter((a) => a.join(' ') !== original.join(' ')),
      ];
      groups.push({ alternatives, prefix: false });
      i = expansion.end;
      continue;
    }
    const joined = compound(words, i, expansions, isKnown);
    if (joined) {
      const expanded = ctx.synonyms.expand([joined]).find((e) => e.start === 0)?.alternatives ?? [];
      // The joined word is what the user meant: it stands first, as if typed that way.
      groups.push({ alternatives: [[joined], words.slice(i, i + 2), ...expanded], prefix: false });
      i += 2;
      continue;
    }
    i++;
    // A last word still being typed matches every word it begins.
    groups.push({ alternatives: [[words[i - 1]]], prefix: typingLast && i === words.length });
  }
  const matchedTerms = [...new Set(groups.flatMap((g) => g.alternatives.flat()))];
  const readAs = replaced.size ? all.map((w) => replaced.get(w) ?? w).join(' ') : text;
  return { groups, corrections, matchedTerms, readAs };
}

/**
 * "head set" → "headset": two typed words that the catalog writes as one. Returned only when neither
 * word starts a synonym expansion and the joined word occurs in the catalog.
 */
function compound(
  words: string[],
  i: number,
  expansions: { start: number }[],
  isKnown: (term: string) => boolean,
): string | null {
  if (i + 1 >= words.length || expansions.some((e) => e.start === i || e.start === i + 1)) return null;
  const [a, b] = [words[i], words[i + 1]];
  if (!/^\p{L}+$/u.test(a) || !/^\p{L}+$/u.test(b)) return null;
  return isKnown(a + b) ? a + b : null;
}

export function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * An FTS5 MATCH expression: the groups joined with AND (every word) or OR (any word). The words the
 * user typed match anywhere in the product; a synonym of several words must match as a phrase.
 */
export function matchExpression(groups: TermGroup[], join: 'AND' | 'OR'): string {
  return groups
    .map((g) => {
      const alts = g.alternatives.map((phrase, i) => {
        if (g.prefix) return `${quote(phrase.join(' '))}*`;
        if (i > 0 || phrase.length === 1) return quote(phrase.join(' '));
        return `(${phrase.map(quote).join(` ${join} `)})`;
      });
      return alts.length === 1 ? alts[0] : `(${alts.join(' OR ')})`;
    })
    .join(` ${join} `);
}
