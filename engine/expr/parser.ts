// Recursive-descent parser following Jinja's precedence, lowest first:
//   or < and < not < comparisons (== != < <= > >= in, not in; chainable)
//   < + - < ~ < * / // % < unary - + < postfix (.name [index])
//   < filters (| f) and tests (is t), which bind tightest.
// Nesting is bounded so hostile input yields EXPR_SYNTAX, not a stack overflow.

import type { ArithOp, CallArgs, CompareOp, DictEntry, Expr } from './ast.js';
import { fail } from './errors.js';
import type { Token } from './lexer.js';
import { checkFilterName, checkTestName } from './names.js';
import { describe, KEYWORDS, trailingHint } from './parser-messages.js';

export const MAX_NESTING = 64;

const COMPARE_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
const LITERAL_NAMES: ReadonlyMap<string, boolean | null> = new Map<string, boolean | null>([
  ['true', true], ['True', true], ['false', false], ['False', false],
  ['none', null], ['None', null], ['null', null],
]);

export function parseTokens(tokens: readonly Token[]): Expr {
  return new Parser(tokens).parseAll();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    if (this.peek().kind === 'eof') fail('EXPR_SYNTAX', 'empty expression', this.peek().offset);
    const expr = this.parseOr();
    const tok = this.peek();
    if (tok.kind !== 'eof') this.unexpected(tok, trailingHint(tok));
    return expr;
  }

  private parseOr(): Expr { return this.parseLogical('or', () => this.parseAnd()); }
  private parseAnd(): Expr { return this.parseLogical('and', () => this.parseNot()); }

  private parseLogical(kind: 'and' | 'or', next: () => Expr): Expr {
    const first = next();
    if (!this.isName(kind)) return first;
    const offset = this.peek().offset;
    const operands = [first];
    while (this.isName(kind)) {
      this.pos++;
      operands.push(next());
    }
    return { kind, offset, operands };
  }

  private parseNot(): Expr {
    if (!this.isName('not')) return this.parseCompare();
    const offset = this.next().offset;
    return { kind: 'not', offset, operand: this.nested(offset, () => this.parseNot()) };
  }

  private parseCompare(): Expr {
    const first = this.parseSum();
    const rest: { op: CompareOp; offset: number; operand: Expr }[] = [];
    for (;;) {
      const tok = this.peek();
      let op: CompareOp;
      if (tok.kind === 'op' && COMPARE_OPS.has(tok.text)) op = tok.text as CompareOp;
      else if (this.isName('in')) op = 'in';
      else if (this.isName('not') && this.isName('in', 1)) op = 'not in';
      else break;
      this.pos += op === 'not in' ? 2 : 1;
      rest.push({ op, offset: tok.offset, operand: this.parseSum() });
    }
    const head = rest[0];
    return head === undefined ? first : { kind: 'compare', offset: head.offset, first, rest };
  }

  private parseSum(): Expr { return this.parseBinary(['+', '-'], () => this.parseConcat()); }
  private parseConcat(): Expr { return this.parseBinary(['~'], () => this.parseProduct()); }
  private parseProduct(): Expr { return this.parseBinary(['*', '/', '//', '%'], () => this.parseUnary(true)); }

  private parseBinary(ops: readonly ArithOp[], next: () => Expr): Expr {
    let left = next();
    for (;;) {
      const tok = this.peek();
      const op = ops.find((o) => tok.kind === 'op' && tok.text === o);
      if (op === undefined) return left;
      this.pos++;
      left = { kind: 'binary', offset: tok.offset, op, left, right: next() };
    }
  }

  private parseUnary(withFilters: boolean): Expr {
    const tok = this.peek();
    let node: Expr;
    if (tok.kind === 'op' && (tok.text === '-' || tok.text === '+')) {
      this.pos++;
      const operand = this.nested(tok.offset, () => this.parseUnary(false));
      node = { kind: 'unary', offset: tok.offset, op: tok.text, operand };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    return withFilters ? this.parseFiltersAndTests(node) : node;
  }

  private parsePrimary(): Expr {
    const tok = this.next();
    switch (tok.kind) {
      case 'int':
      case 'float':
        return { kind: 'literal', offset: tok.offset, value: tok.num ?? 0 };
      case 'string': {
        let value = tok.text;
        // Adjacent string literals concatenate, as in Python and Jinja.
        while (this.peek().kind === 'string') value += this.next().text;
        return { kind: 'literal', offset: tok.offset, value };
      }
      case 'name': {
        const literal = LITERAL_NAMES.get(tok.text);
        if (literal !== undefined) return { kind: 'literal', offset: tok.offset, value: literal };
        if (KEYWORDS.has(tok.text)) this.unexpected(tok);
        return { kind: 'name', offset: tok.offset, name: tok.text };
      }
      case 'op':
        if (tok.text === '(') return this.nested(tok.offset, () => this.parseParens(tok.offset));
        if (tok.text === '[') {
          return { kind: 'list', offset: tok.offset, items: this.nested(tok.offset, () => this.parseItems(']')) };
        }
        if (tok.text === '{') {
          if (this.isOp('{')) {
            fail('EXPR_SYNTAX', "unexpected '{{'", tok.offset, 'conditions are already expressions; remove the {{ }} around variables');
          }
          return { kind: 'dict', offset: tok.offset, entries: this.nested(tok.offset, () => this.parseDictEntries()) };
        }
        return this.unexpected(tok, tok.text === '=' ? 'use == to compare values' : undefined);
      case 'eof':
        return fail('EXPR_SYNTAX', 'unexpected end of expression', tok.offset);
    }
  }

  // `(x)` groups; `(a, b)` and `()` are tuples, represented as lists.
  private parseParens(offset: number): Expr {
    if (this.eatOp(')')) return { kind: 'list', offset, items: [] };
    const first = this.parseOr();
    if (this.eatOp(')')) return first;
    if (!this.isOp(',')) return this.unexpected(this.peek(), "expected ')'");
    this.pos++;
    return { kind: 'list', offset, items: [first, ...this.parseItems(')')] };
  }

  private parseItems(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.eatOp(close)) {
      items.push(this.parseOr());
      if (!this.eatOp(',')) {
        this.expectOp(close);
        break;
      }
    }
    return items;
  }

  private parseDictEntries(): DictEntry[] {
    const entries: DictEntry[] = [];
    while (!this.eatOp('}')) {
      const key = this.parseOr();
      this.expectOp(':');
      entries.push({ key, value: this.parseOr() });
      if (!this.eatOp(',')) {
        this.expectOp('}');
        break;
      }
    }
    return entries;
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== 'op') return node;
      if (tok.text === '.') {
        this.pos++;
        const attr = this.next();
        if (attr.kind === 'name') node = { kind: 'attr', offset: attr.offset, target: node, name: attr.text };
        else if (attr.kind === 'int') {
          const index: Expr = { kind: 'literal', offset: attr.offset, value: attr.num ?? 0 };
          node = { kind: 'index', offset: attr.offset, target: node, index };
        } else this.unexpected(attr, "expected an attribute name after '.'");
      } else if (tok.text === '[') {
        this.pos++;
        const index = this.nested(tok.offset, () => this.parseOr());
        if (this.isOp(':')) fail('EXPR_SYNTAX', 'slices are not supported', this.peek().offset, 'use the first or last filter, or an index');
        this.expectOp(']');
        node = { kind: 'index', offset: tok.offset, target: node, index };
      } else if (tok.text === '(') {
        return fail('EXPR_SYNTAX', 'function and method calls are not supported', tok.offset,
          "use a filter or a test instead, e.g. x | lower or x is match('^prefix')");
      } else {
        return node;
      }
    }
  }

  private parseFiltersAndTests(node: Expr): Expr {
    for (;;) {
      if (this.eatOp('|')) {
        const { name, offset } = this.parseDottedName('a filter name');
        const resolved = checkFilterName(name, offset);
        node = { kind: 'filter', offset, target: node, name: resolved, args: this.parseCallArgs() };
      } else if (this.isName('is')) {
        this.pos++;
        const negated = this.isName('not');
        if (negated) this.pos++;
        const { name, offset } = this.parseDottedName('a test name');
        const resolved = checkTestName(name, offset);
        node = { kind: 'test', offset, target: node, name: resolved, negated, args: this.parseCallArgs() };
        const after = this.peek();
        if (after.kind === 'string' || after.kind === 'int' || after.kind === 'float' || (after.kind === 'name' && !KEYWORDS.has(after.text))) {
          fail('EXPR_SYNTAX', `unexpected ${describe(after)} after test '${name}'`, after.offset, `put test arguments in parentheses, e.g. is ${name}(...)`);
        }
      } else {
        return node;
      }
    }
  }

  // Filters and tests may be written with a collection prefix: ansible.builtin.bool.
  private parseDottedName(what: string): { name: string; offset: number } {
    const first = this.next();
    if (first.kind !== 'name') return this.unexpected(first, `expected ${what}`);
    let name = first.text;
    while (this.isOp('.') && this.peek(1).kind === 'name') {
      name += '.' + this.peek(1).text;
      this.pos += 2;
    }
    return { name, offset: first.offset };
  }

  private parseCallArgs(): CallArgs {
    const positional: Expr[] = [];
    const named: { name: string; offset: number; value: Expr }[] = [];
    const open = this.peek();
    if (!this.eatOp('(')) return { positional, named };
    this.nested(open.offset, () => {
      while (!this.eatOp(')')) {
        const tok = this.peek();
        if (tok.kind === 'name' && this.peek(1).kind === 'op' && this.peek(1).text === '=') {
          this.pos += 2;
          named.push({ name: tok.text, offset: tok.offset, value: this.parseOr() });
        } else {
          if (named.length > 0) fail('EXPR_SYNTAX', 'positional argument after a named argument', tok.offset);
          positional.push(this.parseOr());
        }
        if (!this.eatOp(',')) {
          this.expectOp(')');
          break;
        }
      }
    });
    return { positional, named };
  }

  private nested<T>(offset: number, body: () => T): T {
    if (++this.depth > MAX_NESTING) {
      fail('EXPR_SYNTAX', `expression is nested too deeply (limit ${MAX_NESTING})`, offset);
    }
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  private peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const tok = this.tokens[this.pos + ahead] ?? last;
    if (tok === undefined) throw new Error('token stream is empty');
    return tok;
  }

  private next(): Token {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.pos++;
    return tok;
  }

  private isName(text: string, ahead = 0): boolean {
    const tok = this.peek(ahead);
    return tok.kind === 'name' && tok.text === text;
  }

  private isOp(text: string): boolean {
    const tok = this.peek();
    return tok.kind === 'op' && tok.text === text;
  }

  private eatOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.pos++;
    return true;
  }

  private expectOp(text: string): void {
    if (!this.eatOp(text)) this.unexpected(this.peek(), `expected '${text}'`);
  }

  private unexpected(tok: Token, hint?: string): never {
    const message = tok.kind === 'eof' ? 'unexpected end of expression' : `unexpected ${describe(tok)}`;
    return fail('EXPR_SYNTAX', message, tok.offset, hint);
  }
}
