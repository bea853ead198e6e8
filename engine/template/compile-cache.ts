// Compiling is the expensive step, so each distinct template text is parsed and compiled once and
// kept in a bounded cache: rendering one template for a thousand hosts compiles it once.
// Only strings reach handlebars' compile(): an AST object there is CVE-2026-33937's door.

import { COMPILE_OPTIONS, RUNTIME_OPTIONS, env } from './environment.js';
import { failure, TemplateFailure, whereOf, type Where } from './failure.js';

export interface CompiledTemplate {
  readonly text: string;
  readonly ast: hbs.AST.Program;
  /** The whole text is one `{{ … }}`: its value keeps its type. */
  readonly singleExpression: boolean;
  run(context: object): string;
}

export const CACHE_LIMIT = 5000;
let limit = CACHE_LIMIT;
const cache = new Map<string, CompiledTemplate | TemplateFailure>();
let compiles = 0;

/** Changes the bound (tests use a small one); returns the previous bound. */
export function setCacheLimit(next: number): number {
  const previous = limit;
  limit = Math.max(1, Math.floor(next));
  while (cache.size > limit) evictOldest();
  return previous;
}

function evictOldest(): void {
  const oldest = cache.keys().next();
  if (oldest.done !== true) cache.delete(oldest.value);
}

export function cacheStats(): { readonly compiles: number; readonly size: number } {
  return { compiles, size: cache.size };
}

export function clearCache(): void {
  cache.clear();
}

/** The compiled template for `text`; a syntax error is thrown as a TemplateFailure (and cached). */
export function compileTemplate(text: string): CompiledTemplate {
  if (typeof text !== 'string') throw failure('TEMPLATE_SYNTAX', 'a template must be a string');
  let entry = cache.get(text);
  if (entry !== undefined) {
    // Re-insert so the most recently used templates are the last to go.
    cache.delete(text);
    cache.set(text, entry);
  } else {
    entry = build(text);
    if (cache.size >= limit) evictOldest();
    cache.set(text, entry);
  }
  if (entry instanceof TemplateFailure) throw entry;
  return entry;
}

function build(text: string): CompiledTemplate | TemplateFailure {
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(text);
  } catch (e) {
    return syntaxFailure(e, text);
  }
  const refused = refusedNode(ast);
  if (refused !== undefined) return refused;
  compiles++;
  const fn = env.compile(text, COMPILE_OPTIONS);
  const body = ast.body.filter((s) => !(s.type === 'ContentStatement' && (s as hbs.AST.ContentStatement).value === ''));
  return {
    text,
    ast,
    singleExpression: body.length === 1 && body[0]?.type === 'MustacheStatement',
    run: (context) => fn(context, RUNTIME_OPTIONS),
  };
}

function syntaxFailure(e: unknown, text: string): TemplateFailure {
  const raw = e instanceof Error ? e.message : String(e);
  // Parser errors say "Parse error on line N:" (the column they show is relative to an excerpt);
  // the others carry lineNumber/column and end in " - line:column".
  const parsed = /^Parse error on line (\d+):/.exec(raw);
  const { lineNumber, column } = e as { lineNumber?: unknown; column?: unknown };
  const where: Where | undefined =
    typeof lineNumber === 'number' && typeof column === 'number'
      ? { line: lineNumber, col: column + 1 }
      : parsed?.[1] !== undefined
        ? { line: Number(parsed[1]) }
        : undefined;
  return failure('TEMPLATE_SYNTAX', `template syntax error: ${raw.replace(/ - \d+:\d+$/, '')}`, { where, hint: jinjaHint(text) });
}

/** Playbooks written for Ansible use Jinja filters; say what to write instead. */
function jinjaHint(text: string): string | undefined {
  const filter = /\{\{-?\s*([\w.]+)\s*\|\s*([a-z_0-9]+)/.exec(text);
  if (filter === null) return undefined;
  return `Jinja filters are not supported; call a helper instead: {{ ${filter[2]} ${filter[1]} … }} (see docs/templates.md)`;
}

const REFUSED: Readonly<Record<string, string>> = {
  PartialStatement: 'partials ({{> name}}) are not supported; use a role template file instead',
  PartialBlockStatement: 'partial blocks ({{#> name}}) are not supported',
  Decorator: 'decorators ({{* name}}) are not supported',
  DecoratorBlock: 'decorator blocks ({{#* name}}) are not supported',
};

/** Partials and decorators are refused: they add lookup paths templates don't need. */
function refusedNode(node: unknown): TemplateFailure | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = refusedNode(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const type = (node as { type?: unknown }).type;
  if (typeof type === 'string' && REFUSED[type] !== undefined) {
    return failure('TEMPLATE_SYNTAX', REFUSED[type], { where: whereOf((node as { loc?: unknown }).loc) });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && typeof value === 'object' && value !== null) {
      const found = refusedNode(value);
      if (found) return found;
    }
  }
  return undefined;
}
