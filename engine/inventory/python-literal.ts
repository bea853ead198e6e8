// INI inventory values are read with Python's ast.literal_eval, and kept as the original string
// when that fails. This is the subset literal_eval accepts: numbers, strings, True/False/None,
// lists, tuples, dicts, sets. `0644`, `yes`, `10-5` and `foo bar` are not literals, so they
// stay strings, exactly as in Ansible.

export type LiteralResult = { ok: true; value: unknown } | { ok: false };

class NotLiteral extends Error {}

/** The value Ansible gives an INI `key=value` (after host-line quote removal). */
export function iniValue(text: string): unknown {
  const r = pythonLiteral(text);
  return r.ok ? r.value : text;
}

export function pythonLiteral(source: string): LiteralResult {
  // literal_eval strips leading spaces and tabs (Python 3.9+).
  const text = source.replace(/^[ \t]+/, '');
  const p = new Parser(text);
  try {
    const v = p.expression();
    p.skipSpace();
    if (!p.atEnd()) return { ok: false };
    return { ok: true, value: v.complex ? text : v.value };
  } catch (e) {
    if (e instanceof NotLiteral) return { ok: false };
    throw e;
  }
}

/** A scalar dict key as text: None for null, as String() writes the rest. */
function keyText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return 'None';
}

interface Parsed {
  value: unknown;
  /** Complex numbers are not a variable type: Ansible turns them back into text. */
  complex: boolean;
  kind: 'number' | 'other';
}

const NUMBER =
  /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STRING_PREFIX = /^(?:[rR][bB]?|[bB][rR]?|[uU]|[fF][rR]?|[rR][fF])?(?=['"])/;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  atEnd(): boolean {
    return this.i >= this.s.length;
  }

  skipSpace(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') this.i++;
      else if (c === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      else return;
    }
  }

  private peek(): string {
    this.skipSpace();
    return this.s[this.i] ?? '';
  }

  private eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.i++;
    return true;
  }

  /** signed number, optionally `± complex` (the only binary operation literal_eval allows). */
  expression(): Parsed {
    const left = this.unary();
    const op = this.peek();
    if ((op === '+' || op === '-') && left.kind === 'number') {
      this.i++;
      const right = this.atom();
      if (!right.complex || right.kind !== 'number') throw new NotLiteral();
      return { value: null, complex: true, kind: 'number' };
    }
    return left;
  }

  private unary(): Parsed {
    const c = this.peek();
    if (c === '+' || c === '-') {
      this.i++;
      const v = this.atom();
      if (v.kind !== 'number') throw new NotLiteral();
      return c === '-' && typeof v.value === 'number' ? { ...v, value: -v.value } : v;
    }
    return this.atom();
  }

  private atom(): Parsed {
    const c = this.peek();
    const rest = this.s.slice(this.i);
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.sequence(')');
    if (c === '{') return this.braces();
    if (rest.startsWith('...')) {
      this.i += 3;
      return { value: '...', complex: false, kind: 'other' };
    }
    const prefix = STRING_PREFIX.exec(rest);
    if (prefix) return this.strings();
    const num = NUMBER.exec(rest);
    if (num && num[0] !== '.') return this.number(num[0]);
    const name = NAME.exec(rest);
    if (name) {
      this.i += name[0].length;
      if (name[0] === 'True') return { value: true, complex: false, kind: 'other' };
      if (name[0] === 'False') return { value: false, complex: false, kind: 'other' };
      if (name[0] === 'None') return { value: null, complex: false, kind: 'other' };
      if (name[0] === 'set' && this.eat('(') && this.eat(')')) return { value: [], complex: false, kind: 'other' };
    }
    throw new NotLiteral();
  }

  private number(tok: string): Parsed {
    this.i += tok.length;
    // A number running straight into a name (`1abc`, `0644`) is a syntax error in Python.
    if (/^[A-Za-z0-9_]/.test(this.s.slice(this.i))) throw new NotLiteral();
    const clean = tok.replace(/_/g, '');
    if (/[jJ]$/.test(clean)) return { value: null, complex: true, kind: 'number' };
    if (/^0[xXoObB]/.test(clean)) return { value: Number(clean), complex: false, kind: 'number' };
    if (/^[0-9]+$/.test(clean)) {
      if (clean.length > 1 && clean.startsWith('0') && /[1-9]/.test(clean)) throw new NotLiteral();
      const n = Number(clean);
      // Past 2^53 JavaScript numbers lose digits; keep the exact text instead.
      return { value: Number.isSafeInteger(n) ? n : clean.replace(/^0+(?=\d)/, ''), complex: false, kind: 'number' };
    }
    return { value: Number(clean), complex: false, kind: 'number' };
  }

  private sequence(close: string): Parsed {
    this.i++;
    const items: unknown[] = [];
    let complex = false;
    let sawComma = false;
    while (!this.eat(close)) {
      const v = this.expression();
      complex ||= v.complex;
      items.push(v.value);
      if (this.eat(',')) sawComma = true;
      else if (this.peek() !== close) throw new NotLiteral();
    }
    // `(x)` is just x in parentheses; `(x,)` and `()` are tuples, which become lists.
    if (close === ')' && items.length === 1 && !sawComma) return { value: items[0], complex, kind: 'other' };
    return { value: items, complex, kind: 'other' };
  }

  private braces(): Parsed {
    this.i++;
    const dict: Record<string, unknown> = {};
    const set: unknown[] = [];
    let mode: 'dict' | 'set' | undefined;
    let complex = false;
    while (!this.eat('}')) {
      const k = this.expression();
      complex ||= k.complex;
      if (this.eat(':')) {
        if (mode === 'set') throw new NotLiteral();
        mode = 'dict';
        // Lists and dicts are unhashable in Python: not a usable key.
        if (typeof k.value === 'object' && k.value !== null) throw new NotLiteral();
        const v = this.expression();
        complex ||= v.complex;
        dict[keyText(k.value)] = v.value;
      } else {
        if (mode === 'dict') throw new NotLiteral();
        mode = 'set';
        set.push(k.value);
      }
      if (!this.eat(',') && this.peek() !== '}') throw new NotLiteral();
    }
    return { value: mode === 'set' ? set : dict, complex, kind: 'other' };
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private strings(): Parsed {
    let out = '';
    for (;;) {
      const rest = this.s.slice(this.i);
      const prefix = STRING_PREFIX.exec(rest);
      if (!prefix) break;
      const p = prefix[0].toLowerCase();
      if (p.includes('f')) throw new NotLiteral();
      this.i += prefix[0].length;
      out += this.quoted(p.includes('r'));
      this.skipSpace();
    }
    return { value: out, complex: false, kind: 'other' };
  }

  private quoted(raw: boolean): string {
    const q = this.s[this.i] ?? '';
    const triple = this.s.startsWith(q.repeat(3), this.i);
    const delim = triple ? q.repeat(3) : q;
    this.i += delim.length;
    let out = '';
    while (this.i < this.s.length) {
      if (this.s.startsWith(delim, this.i)) {
        this.i += delim.length;
        return out;
      }
      const c = this.s[this.i] ?? '';
      if (c === '\n' && !triple) break;
      if (c === '\\') {
        const n = this.s[this.i + 1];
        if (n === undefined) break;
        if (raw) {
          out += c + n;
          this.i += 2;
        } else {
          out += this.escape();
        }
        continue;
      }
      out += c;
      this.i++;
    }
    throw new NotLiteral();
  }

  private escape(): string {
    const n = this.s[this.i + 1] ?? '';
    this.i += 2;
    const simple: Record<string, string> = {
      '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
    };
    const hit = simple[n];
    if (hit !== undefined) return hit;
    if (/[0-7]/.test(n)) {
      const m = /^[0-7]{0,2}/.exec(this.s.slice(this.i))?.[0] ?? '';
      this.i += m.length;
      return String.fromCodePoint(parseInt(n + m, 8));
    }
    const width = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = this.s.slice(this.i, this.i + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new NotLiteral();
      this.i += width;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new NotLiteral();
      return String.fromCodePoint(cp);
    }
    // Unknown escapes keep the backslash (Python warns but accepts them).
    return '\\' + n;
  }
}
