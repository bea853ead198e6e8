// parseExpression: length and nesting bounds, `{{ }}` stripping, and a
// bounded cache, since the same `when:` is evaluated for every host.

import { childrenOf, type Expr } from './ast.js';
import { makeError, toExprError, type ExprError } from './errors.js';
import { tokenize } from './lexer.js';
import { parseTokens } from './parser.js';

export const MAX_SOURCE_LENGTH = 10_000;
/** Deepest syntax tree accepted; keeps evaluation recursion shallow. */
export const MAX_TREE_HEIGHT = 256;
export const PARSE_CACHE_LIMIT = 1_000;

export interface ExprWarning {
  readonly message: string;
  readonly offset: number;
}

export type ParseResult =
  | { ok: true; expr: Expr; warnings?: readonly ExprWarning[] }
  | { ok: false; error: ExprError };

const cache = new Map<string, ParseResult>();

/** Parses a condition expression. Never throws; results are cached by source text. */
export function parseExpression(src: string): ParseResult {
  if (typeof src !== 'string') {
    return { ok: false, error: makeError('EXPR_SYNTAX', `expression must be a string, got ${typeof src}`, 0) };
  }
  const hit = cache.get(src);
  if (hit !== undefined) {
    // Re-insert so the Map's order tracks recency (least recent first).
    cache.delete(src);
    cache.set(src, hit);
    return hit;
  }
  const result = parseUncached(src);
  if (src.length <= MAX_SOURCE_LENGTH) {
    if (cache.size >= PARSE_CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
    cache.set(src, result);
  }
  return result;
}

/** Number of cached parse results (at most PARSE_CACHE_LIMIT). */
export function parseCacheSize(): number {
  return cache.size;
}

/** Empties the parse cache (for tests and long-running processes that reload playbooks). */
export function clearParseCache(): void {
  cache.clear();
}

function parseUncached(src: string): ParseResult {
  if (src.length > MAX_SOURCE_LENGTH) {
    return { ok: false, error: makeError('EXPR_SYNTAX', `expression is too long (${src.length} characters, limit ${MAX_SOURCE_LENGTH})`, MAX_SOURCE_LENGTH) };
  }
  const { start, end, warnings } = stripBraces(src);
  try {
    const expr = parseTokens(tokenize(src, start, end));
    const tooDeep = findTooDeep(expr, 1);
    if (tooDeep !== undefined) {
      return { ok: false, error: makeError('EXPR_SYNTAX', `expression is too complex (nested more than ${MAX_TREE_HEIGHT} levels)`, tooDeep.offset) };
    }
    return warnings.length > 0 ? { ok: true, expr, warnings } : { ok: true, expr };
  } catch (e) {
    const error = toExprError(e, start);
    if (warnings.length > 0 && error.hint === undefined) {
      return { ok: false, error: { ...error, hint: 'conditions are already expressions; write them without {{ }}' } };
    }
    return { ok: false, error };
  }
}

// Ansible accepts `when: "{{ x }}"` with a warning; so do we, parsing only
// the inside while keeping offsets relative to the original string.
function stripBraces(src: string): { start: number; end: number; warnings: ExprWarning[] } {
  const start = src.length - src.trimStart().length;
  const end = src.trimEnd().length;
  if (end - start >= 4 && src.startsWith('{{', start) && src.endsWith('}}', end)) {
    const message = 'conditions should not be wrapped in {{ }}; the braces were ignored';
    return { start: start + 2, end: end - 2, warnings: [{ message, offset: start }] };
  }
  return { start: 0, end: src.length, warnings: [] };
}

function findTooDeep(node: Expr, height: number): Expr | undefined {
  if (height > MAX_TREE_HEIGHT) return node;
  for (const child of childrenOf(node)) {
    const found = findTooDeep(child, height + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
