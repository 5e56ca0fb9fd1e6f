// Query-time synonyms: the biggest relevance loss measured on the Icecat judgments was vocabulary
// mismatch ("laptop" against titles that say "Notebook"), and expanding at query time lets a user edit
// the list without re-indexing.
import { terms } from './text.ts';

/**
 * Every entry of a group matches every other. Entries are phrases, tokenized like documents and matched in
 * singular, so an entry must not be the plural of an everyday word ("flats" would expand "flat screen",
 * "glasses" "tempered glass").
 */
export const DEFAULT_SYNONYMS: string[][] = [
  // Computers and office
  ['laptop', 'notebook', 'notebook computer'],
  ['desktop', 'desktop computer', 'desktop pc'],
  ['all in one', 'aio'],
  ['monitor', 'computer monitor', 'computer screen', 'display monitor'],
  ['mouse', 'mice', 'computer mouse'],
  ['mouse pad', 'mousepad', 'mouse mat'],
  ['webcam', 'web camera', 'web cam'],
  ['hard drive', 'hard disk', 'hdd', 'hard disk drive'],
  ['ssd', 'solid state drive', 'solid state disk'],
  ['usb stick', 'usb flash drive', 'flash drive', 'thumb drive', 'pen drive', 'memory stick'],
  ['memory card', 'sd card', 'flash card'],
  ['ram', 'memory module'],
  ['graphics card', 'video card', 'gpu', 'graphics adapter'],
  ['cpu', 'processor'],
  ['motherboard', 'mainboard'],
  ['power supply', 'psu', 'power supply unit'],
  ['router', 'wifi router', 'wireless router'],
  ['wifi', 'wi fi', 'wlan', 'wireless lan'],
  ['network switch', 'ethernet switch'],
  ['ethernet cable', 'network cable', 'lan cable', 'patch cable'],
  ['usb c', 'usb type c'],
  ['ink cartridge', 'ink'],
  ['toner', 'toner cartridge'],
  ['projector', 'beamer'],
  ['docking station', 'dock', 'port replicator'],
  ['ups', 'uninterruptible power supply', 'battery backup'],
  ['laptop bag', 'notebook bag', 'laptop case', 'notebook case', 'laptop sleeve', 'notebook sleeve'],
  // Phones and audio
  ['phone', 'smartphone', 'mobile phone', 'cell phone', 'cellphone'],
  ['sim free', 'unlocked'],
  ['phone case', 'phone cover'],
  ['screen protector', 'screen guard', 'protective film'],
  ['charger', 'charging adapter', 'power adapter'],
  ['power bank', 'powerbank', 'portable charger', 'external battery'],
  ['cable', 'cord'],
  ['headphones', 'headset', 'over ear headphones'],
  ['earbuds', 'earphones', 'in ear headphones', 'earpieces', 'ear buds'],
  ['speaker', 'loudspeaker'],
  ['bluetooth speaker', 'wireless speaker', 'portable speaker'],
  ['soundbar', 'sound bar'],
  ['amplifier', 'amp'],
  ['turntable', 'record player'],
  ['hifi', 'hi fi', 'stereo system'],
  ['microphone', 'mic'],
  ['walkie talkie', 'two way radio'],
  ['smartwatch', 'smart watch'],
  ['fitness tracker', 'activity tracker', 'fitness band'],
  ['e reader', 'ereader', 'ebook reader'],
  // TV, photo, gaming, car
  ['tv', 'tvs', 'television', 'telly'],
  ['tv stand', 'tv cabinet', 'tv unit'],
  ['remote', 'remote control'],
  ['camera', 'digital camera'],
  ['dslr', 'dslr camera', 'digital slr'],
  ['camcorder', 'video camera'],
  ['action camera', 'action cam'],
  ['dashcam', 'dash cam', 'dashboard camera'],
  ['tripod', 'camera stand'],
  ['lens', 'camera lens'],
  ['game console', 'games console', 'gaming console', 'video game console'],
  ['gamepad', 'game controller', 'joypad'],
  ['drone', 'quadcopter'],
  ['sat nav', 'satnav', 'gps navigator', 'navigation system'],
  ['rechargeable battery', 'accumulator'],
  ['flashlight', 'torch'],
  ['headlamp', 'head torch'],
  // Home and appliances
  ['sofa', 'couch', 'settee'],
  ['armchair', 'easy chair'],
  ['wardrobe', 'closet', 'armoire'],
  ['dresser', 'chest of drawers'],
  ['nightstand', 'bedside table', 'night table'],
  ['coffee table', 'cocktail table'],
  ['bookcase', 'bookshelf', 'book shelf'],
  ['rug', 'carpet'],
  ['curtains', 'drapes'],
  ['duvet', 'comforter', 'quilt'],
  ['pillow', 'cushion'],
  ['lamp', 'lighting'],
  ['bulb', 'light bulb', 'lamp bulb'],
  ['fridge', 'refrigerator'],
  ['washing machine', 'washer'],
  ['tumble dryer', 'clothes dryer'],
  ['hair dryer', 'hairdryer', 'blow dryer'],
  ['shaver', 'electric razor', 'electric shaver'],
  ['dishwasher', 'dish washer'],
  ['microwave', 'microwave oven'],
  ['cooker', 'stove'],
  ['hob', 'cooktop'],
  ['extractor hood', 'cooker hood', 'range hood'],
  ['kettle', 'electric kettle'],
  ['coffee maker', 'coffee machine', 'espresso machine'],
  ['air fryer', 'airfryer'],
  ['vacuum cleaner', 'vacuum', 'hoover'],
  ['robot vacuum', 'robotic vacuum', 'robot vacuum cleaner'],
  ['air conditioner', 'ac unit', 'air conditioning'],
  ['heater', 'space heater'],
  ['fan', 'ventilator'],
  ['trash can', 'garbage can', 'waste bin', 'dustbin'],
  ['faucet', 'tap'],
  ['stroller', 'pushchair', 'pram', 'buggy'],
  // Fashion
  ['tee', 't shirt', 'tshirt'],
  ['sneakers', 'trainers', 'running shoes', 'athletic shoes'],
  ['hoodie', 'hooded sweatshirt', 'hoody'],
  ['sweater', 'jumper', 'pullover'],
  ['sweatshirt', 'crewneck'],
  ['pants', 'trousers', 'slacks'],
  ['jeans', 'denim', 'denim pants'],
  ['sweatpants', 'joggers', 'track pants', 'tracksuit bottoms'],
  ['leggings', 'yoga pants'],
  ['dress', 'gown', 'frock'],
  ['tank top', 'vest top', 'singlet', 'camisole'],
  ['jacket', 'coat'],
  ['raincoat', 'rain jacket', 'waterproof jacket', 'rain coat'],
  ['puffer jacket', 'down jacket', 'puffer'],
  ['vest', 'waistcoat', 'gilet'],
  ['boxers', 'boxer shorts'],
  ['briefs', 'underpants'],
  ['swimsuit', 'swimwear', 'bathing suit', 'swimming costume'],
  ['pajamas', 'pyjamas', 'sleepwear', 'nightwear'],
  ['shoes', 'footwear'],
  ['sandals', 'flip flops'],
  ['slippers', 'house shoes'],
  ['heels', 'high heels'],
  ['ballet flats', 'ballerinas', 'flat shoes'],
  ['loafers', 'slip ons', 'moccasins'],
  ['handbag', 'purse'],
  ['tote', 'tote bag', 'shopping bag'],
  ['backpack', 'rucksack', 'knapsack'],
  ['wallet', 'billfold'],
  ['suitcase', 'luggage', 'trolley case'],
  ['eyeglasses', 'spectacles', 'prescription glasses'],
  ['beanie', 'knit hat', 'winter hat', 'toque'],
  ['scarf', 'muffler'],
  ['gloves', 'mittens'],
  ['necklace', 'pendant'],
  ['watch', 'wristwatch'],
  ['mens', "men's", 'male'],
  ['womens', "women's", 'ladies', 'female'],
  ['kids', 'children', "children's"],
];

export interface Expansion {
  /** The matched span of the query terms, end exclusive. */
  start: number;
  end: number;
  /** The other entries of the group(s) that matched, each as a list of terms; the matched form itself is left out. */
  alternatives: string[][];
}

export interface SynonymIndex {
  /** The synonym spans found in the query, left to right, non-overlapping; positions without synonyms are absent. */
  expand(queryTerms: string[]): Expansion[];
}

const SINGULAR_RULES: [RegExp, string][] = [
  [/([^aeiou])ies$/, '$1y'],
  [/(ch|sh|ss|x|z)es$/, '$1'],
  [/([^su])s$/, '$1'],
];
const MIN_PLURAL_LENGTH = 4;

/** Simple English singular ("laptops" → "laptop", "batteries" → "battery", "watches" → "watch"). */
export function singular(term: string): string {
  if (term.length < MIN_PLURAL_LENGTH) return term;
  for (const [pattern, replacement] of SINGULAR_RULES) {
    if (pattern.test(term)) return term.replace(pattern, replacement);
  }
  return term;
}

const phraseKey = (phrase: string[]): string => phrase.map(singular).join(' ');

export function buildSynonymIndex(groups: string[][]): SynonymIndex {
  // phrase key → every phrase (as terms) in the groups that contain that phrase
  const byKey = new Map<string, string[][]>();
  let longest = 0;
  for (const group of groups) {
    const phrases = group.map((entry) => terms(entry)).filter((phrase) => phrase.length > 0);
    for (const phrase of phrases) {
      const key = phraseKey(phrase);
      const siblings = byKey.get(key) ?? [];
      for (const other of phrases) {
        const otherKey = phraseKey(other);
        if (otherKey !== key && !siblings.some((known) => phraseKey(known) === otherKey))
          siblings.push(other);
      }
      byKey.set(key, siblings);
      longest = Math.max(longest, phrase.length);
    }
  }

  return {
    expand(queryTerms) {
      const keys = queryTerms.map((term) => singular(terms(term).join(' ')));
      const expansions: Expansion[] = [];
      for (let start = 0; start < keys.length;) {
        let matched = 0;
        for (let length = Math.min(longest, keys.length - start); length >= 1 && matched === 0; length--) {
          const alternatives = byKey.get(keys.slice(start, start + length).join(' '));
          if (alternatives && alternatives.length > 0) {
            expansions.push({ start, end: start + length, alternatives: alternatives.map((a) => [...a]) });
            matched = length;
          }
        }
        start += Math.max(matched, 1);
      }
      return expansions;
    },
  };
}
