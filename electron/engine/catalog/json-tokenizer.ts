/** Receives the structure of a JSON text as it is read. */
export interface JsonHandler {
  startObject(): void;
  endObject(): void;
  startArray(): void;
  endArray(): void;
  key(name: string): void;
  /** `tooLong` marks a string cut off at the tokenizer's limit (its value is then ''). */
  scalar(value: string | number | boolean | null, tooLong: boolean): void;
}

export class JsonSyntaxError extends Error {
  line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

const STATES = {
  VALUE: 0,
  VALUE_OR_END: 1,
  KEY: 2,
  KEY_OR_END: 3,
  COLON: 4,
  COMMA_OR_END: 5,
  DONE: 6,
} as const;
type Expect = (typeof STATES)[keyof typeof STATES];
const { VALUE, VALUE_OR_END, KEY, KEY_OR_END, COLON, COMMA_OR_END, DONE } = STATES;

const MAX_ATOM_CHARS = 400;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function isAtomChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c === 43 || c === 46 || c === 69;
}

/**
 * An incremental JSON tokenizer fed with text chunks of any size, so a file of any length is read in
 * bounded memory: it keeps only the container stack and the token being read (a string is cut off
 * at `maxStringChars`), and refuses nesting deeper than `maxDepth`.
 */
export class JsonTokenizer {
  private readonly handler: JsonHandler;
  private readonly maxDepth: number;
  private readonly maxStringChars: number;
  private readonly stack: number[] = []; // 0 = object, 1 = array
  private expect: Expect = VALUE;
  private line = 1;
  private inString = false;
  private stringIsKey = false;
  private str = '';
  private strTooLong = false;
  private escape = 0; // 0 none, 1 after a backslash, 2 reading \u hex digits
  private hex = '';
  private atom: string | null = null;
  private started = false;

  constructor(handler: JsonHandler, limits: { maxDepth: number; maxStringChars: number }) {
    this.handler = handler;
    this.maxDepth = limits.maxDepth;
    this.maxStringChars = limits.maxStringChars;
  }

  /** Whether any value has started (false for whitespace-only input). */
  get sawValue(): boolean {
    return this.started;
  }

  push(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.readString(text, i);
        continue;
      }
      if (this.atom !== null) {
        let j = i;
        while (j < n && isAtomChar(text.charCodeAt(j))) j++;
        this.atom += text.slice(i, j);
        if (this.atom.length > MAX_ATOM_CHARS)
          this.fail(`invalid JSON: "${this.atom.slice(0, 20)}..." is not a JSON value`);
        if (j === n) return;
        this.finishAtom();
        i = j;
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        if (c === 10) this.line++;
        i++;
        continue;
      }
      this.structural(text[i]);
      i++;
    }
  }

  end(): void {
    if (this.inString) this.fail('invalid JSON: the file ends inside a string (truncated?)');
    if (this.atom !== null) this.finishAtom();
    if (this.started && this.expect !== DONE)
      this.fail('invalid JSON: the file ends before the JSON is complete (truncated?)');
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.line);
  }

  private structural(ch: string): void {
    switch (this.expect) {
      case VALUE:
      case VALUE_OR_END:
        if (ch === ']' && this.expect === VALUE_OR_END) return this.close(1);
        this.started = true;
        if (ch === '{') return this.open(0);
        if (ch === '[') return this.open(1);
        if (ch === '"') return this.startString(false);
        if (isAtomChar(ch.charCodeAt(0))) {
          this.atom = ch;
          return;
        }
        return this.unexpected(ch);
      case KEY:
      case KEY_OR_END:
        if (ch === '"') return this.startString(true);
        if (ch === '}' && this.expect === KEY_OR_END) return this.close(0);
        return this.unexpected(ch);
      case COLON:
        if (ch !== ':') return this.unexpected(ch);
        this.expect = VALUE;
        return;
      case COMMA_OR_END: {
        const top = this.stack[this.stack.length - 1];
        if (ch === ',') this.expect = top === 0 ? KEY : VALUE;
        else if ((ch === '}' && top === 0) || (ch === ']' && top === 1)) this.close(top);
        else this.unexpected(ch);
        return;
      }
      default:
        this.fail(`invalid JSON: unexpected "${ch}" after the end of the JSON value`);
    }
  }

  private unexpected(ch: string): never {
    this.fail(`invalid JSON: unexpected "${ch}"`);
  }

  private open(kind: number): void {
    if (this.stack.length >= this.maxDepth)
      this.fail(`the JSON is nested deeper than ${this.maxDepth} levels`);
    this.stack.push(kind);
    if (kind === 0) {
      this.expect = KEY_OR_END;
      this.handler.startObject();
    } else {
      this.expect = VALUE_OR_END;
      this.handler.startArray();
    }
  }

  private close(kind: number): void {
    this.stack.pop();
    if (kind === 0) this.handler.endObject();
    else this.handler.endArray();
    this.afterValue();
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? DONE : COMMA_OR_END;
  }

  private startString(isKey: boolean): void {
    this.inString = true;
    this.stringIsKey = isKey;
    this.str = '';
    this.strTooLong = false;
  }

  private append(s: string): void {
    if (this.strTooLong) return;
    if (this.str.length + s.length > this.maxStringChars) {
      this.strTooLong = true;
      this.str = '';
    } else this.str += s;
  }

  private readString(text: string, start: number): number {
    let i = start;
    const n = text.length;
    while (i < n) {
      if (this.escape === 1) {
        const ch = text[i++];
        if (ch === 'u') {
          this.escape = 2;
          this.hex = '';
        } else {
          const e = ESCAPES[ch];
          if (e === undefined) this.fail(`invalid JSON: bad escape "\\${ch}" in a string`);
          this.append(e);
          this.escape = 0;
        }
        continue;
      }
      if (this.escape === 2) {
        const take = Math.min(4 - this.hex.length, n - i);
        this.hex += text.slice(i, i + take);
        i += take;
        if (this.hex.length === 4) {
          if (!/^[0-9a-fA-F]{4}$/.test(this.hex))
            this.fail(`invalid JSON: bad escape "\\u${this.hex}" in a string`);
          this.append(String.fromCharCode(parseInt(this.hex, 16)));
          this.escape = 0;
        }
        continue;
      }
      const q = text.indexOf('"', i);
      const segment = text.slice(i, q === -1 ? n : q);
      const bs = segment.indexOf('\\');
      if (bs >= 0) {
        this.append(segment.slice(0, bs));
        this.escape = 1;
        i += bs + 1;
        continue;
      }
      this.append(segment);
      if (q === -1) return n;
      this.inString = false;
      this.finishString();
      return q + 1;
    }
    return i;
  }

  private finishString(): void {
    if (this.stringIsKey) {
      this.handler.key(this.str);
      this.expect = COLON;
    } else {
      this.handler.scalar(this.str, this.strTooLong);
      this.afterValue();
    }
    this.str = '';
  }

  private finishAtom(): void {
    const a = this.atom!;
    this.atom = null;
    let value: number | boolean | null;
    if (a === 'true') value = true;
    else if (a === 'false') value = false;
    else if (a === 'null') value = null;
    else if (NUMBER.test(a)) value = Number(a);
    else this.fail(`invalid JSON: "${a}" is not a JSON value`);
    this.handler.scalar(value, false);
    this.afterValue();
  }
}
