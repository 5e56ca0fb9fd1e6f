import { foldText } from '../search/text.ts';

// Questions are matched word by word against catalog values ("men's shoes" → "Men's Shoes"), so both
// sides are reduced the same way: folded, possessive "'s" dropped, each word to its singular stems.

export interface Word {
  /** The folded word as typed. */
  text: string;
  /** Singular forms it may stand for ("scarves" → scarve, scarf); the word itself is always first. */
  stems: string[];
}

const SPLIT = /[^\p{L}\p{N}]+/u;
const POSSESSIVE = /['’]s?\b/gu;

export function words(text: string): Word[] {
  return foldText(text)
    .replace(POSSESSIVE, '')
    .split(SPLIT)
    .filter((w) => w !== '')
    .map((w) => ({ text: w, stems: stems(w) }));
}

export function stems(word: string): string[] {
  const out = [word];
  const add = (s: string) => {
    if (s.length >= 2 && !out.includes(s)) out.push(s);
  };
  if (word.length <= 3 || /\d/.test(word) || word.endsWith('ss') || word.endsWith('us')) return out;
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves')) {
    add(word.slice(0, -1));
    add(`${word.slice(0, -3)}f`);
  }
  if (/(ss|sh|ch|x|z)es$/.test(word)) add(word.slice(0, -2));
  if (word.endsWith('s')) add(word.slice(0, -1));
  return out;
}

/** The stem words are compared by: the shortest singular form. */
export function key(word: string): string {
  return stems(word).reduce((a, b) => (b.length < a.length ? b : a));
}

/** Levenshtein distance, giving up (returning max + 1) as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost));
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/** Typos tolerated in a word of this length: none in short words, where one edit makes another word. */
export function typoAllowance(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/** Whether a typed word stands for a catalog word: same stem, or a small typo of it. */
export function sameWord(typed: Word, catalogWord: Word): boolean {
  if (typed.stems.some((s) => catalogWord.stems.includes(s))) return true;
  const allowance = typoAllowance(Math.min(typed.text.length, catalogWord.text.length));
  return allowance > 0 && editDistance(key(typed.text), key(catalogWord.text), allowance) <= allowance;
}

/**
 * Where `value`'s words occur, in order and adjacent, in the question from `from` on, skipping `used`
 * positions; -1 when they do not. A question word stands for a value's word only by its stem ("all"
 * never as a typo of "ball").
 */
export function findWords(question: Word[], value: Word[], used: Set<number>, from = 0): number {
  if (value.length === 0) return -1;
  for (let start = from; start + value.length <= question.length; start++) {
    let ok = true;
    for (let i = 0; i < value.length && ok; i++) {
      const typed = question[start + i];
      ok =
        !used.has(start + i) &&
        (QUESTION_WORDS.has(typed.text)
          ? typed.stems.some((s) => value[i].stems.includes(s))
          : sameWord(typed, value[i]));
    }
    if (ok) return start;
  }
  return -1;
}

/**
 * Words that shape a question rather than name what it is about. They never count as a product's name,
 * a catalog value or a typo of one ("show" is not a typo of "shoe").
 */
export const QUESTION_WORDS = new Set(
  `a an the of in on at for to with without and or but by from as is are was were be been do does did have has
  had can could would should will shall may might must i me my we us our you your they them their it its this
  that these those there here what which who whom whose when where why how many much any some all every each
  no not none only just also please thanks thank hi hello hey show list tell give find get want need looking
  look know let see like would products product items item things thing stuff article articles catalog
  catalogue store shop sell sells selling offer carry carries available availability stock stocked inventory
  units unit pieces piece left count number total sum average mean avg price prices priced pricing cost costs
  costing dollars dollar usd eur euro euros value worth than more less fewer most least over under above below
  between up currently right now today got one ones kind kinds type types range different distinct unique
  exist exists altogether overall combined entire whole also else something anything everything good great
  nice best better recommend recommendation recommendations suggest suggestion suggestions would suitable ideal
  perfect option options choice choices which whats anyone someone buy purchase order ordering wondering
  curious interested question questions about yes currently new latest newest cheapest expensive priciest
  affordable lowest highest minimum maximum min max top least fewest largest smallest biggest most come
  comes offered sold variant variants variation variations`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that say how a question names a value, not what products contain: "in the Accessories
 * category", "listed under Clothing", "tagged red", "of type simple", "items that come in red".
 */
export const GRAMMAR_WORDS = new Set(
  `category categories categorised categorized section sections department departments type types listed
  filed labelled labeled tagged tag tags marked called named classed classified belong belongs belonging
  falls under coming brand brands made maker vendor`
    .split(/\s+/)
    .filter(Boolean),
);

/** A folded word as the question spelled it ("xl" → "XL" in "size XL?"), for quoting it back. */
export function asTyped(question: string, folded: string): string {
  for (const token of question.split(SPLIT)) if (foldText(token) === folded) return token;
  return folded;
}
