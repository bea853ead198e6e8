// Wording for syntax errors: how a token is named in a message, and what to
// suggest when something follows a complete expression.

import type { Token } from './lexer.js';

export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);

export function describe(tok: Token): string {
  switch (tok.kind) {
    case 'eof': return 'end of expression';
    case 'string': return `string ${JSON.stringify(tok.text.length > 20 ? tok.text.slice(0, 20) + '…' : tok.text)}`;
    case 'name': return KEYWORDS.has(tok.text) ? `keyword '${tok.text}'` : `name '${tok.text}'`;
    case 'int':
    case 'float': return `number ${tok.text}`;
    case 'op': return `'${tok.text}'`;
  }
}

export function trailingHint(tok: Token): string | undefined {
  if (tok.kind === 'op' && tok.text === ')') return "unbalanced ')'";
  if (tok.kind === 'op' && tok.text === '}') return 'conditions are already expressions; remove the {{ }} around variables';
  if (tok.kind === 'op' && tok.text === '=') return 'use == to compare values';
  if (tok.kind === 'name' && tok.text === 'if') return 'conditional expressions (a if b else c) are not supported; use and/or';
  if (tok.kind !== 'op') return 'expected an operator such as and, or, ==, in';
  return undefined;
}
