// The one private handlebars environment: noEscape, strict, no prototype access, and a compiler
// subclass that changes two things in the generated code:
//  - a path in a place that writes output (`{{ a.b.c }}`) goes through strictPath, which names the
//    whole path and suggests a fix; a path used as a helper argument or condition goes through
//    probePath, so `{{#if a.b.c}}` and `{{default a.b "x"}}` work when any part is missing.
//    Stock strict mode throws a bare TypeError for `a.b.c` when `a` is missing, in `{{#if a.b}}`
//    too, and its message names only the last segment (see handlebars issue 1063).
//  - every output goes through outputValue, which renders lists and dicts as JSON instead of
//    "[object Object]", refuses "no value", and remembers the value for one-expression templates.
// The generated code only ever gains calls to helpers with fixed names, quoted path segments
// (quoted by handlebars' own quotedString) and integer positions.
import Handlebars from 'handlebars';
import { closest } from '../errors/suggest.js';
import { didYouMean, failure, type Where } from './failure.js';
import { HELPERS } from './helpers.js';
import { outputValue } from './output.js';
import { probePath, showPath, strictPath } from './paths.js';

export const env = Handlebars.create();

/** Helper names the generated code calls; not meant for templates, and harmless if used there. */
const RUNTIME = {
  strict: '__deckhand_strict',
  probe: '__deckhand_probe',
  helper: '__deckhand_unknown_helper',
  out: '__deckhand_out',
} as const;

/** Names users may call; the "did you mean" list for unknown helpers. */
export const HELPER_NAMES: readonly string[] = [...Object.keys(HELPERS), 'if', 'unless', 'each', 'with', 'lookup'].sort();

// The parts of handlebars' JavaScriptCompiler this file relies on (not in its public types).
type Code = unknown;
interface CompilerInternals {
  options: { strict?: boolean };
  source: { currentLocation?: unknown };
  popStack(): Code;
  push(code: Code): Code;
  pushSource(code: Code): void;
  appendToBuffer(source: Code, location: undefined, explicit: boolean): Code;
  quotedString(text: string): string;
  nameLookup(parent: Code, name: string, type: string): Code;
}
type CompilerClass = new () => CompilerInternals;

const Base = (env as unknown as { JavaScriptCompiler: CompilerClass }).JavaScriptCompiler;

class DeckhandCompiler extends Base {
  resolvePath(type: string, parts: readonly string[], start: number, falsy?: boolean, strict?: boolean): void {
    const base = this.popStack();
    const names = parts.slice(start);
    if (names.length === 0) {
      this.push(base);
      return;
    }
    const requireValue = this.options.strict === true && strict === true;
    // With strict set, handlebars marks the path of a helper call `falsy`; such a lookup only runs
    // when no helper of that name exists.
    const fn = !requireValue ? RUNTIME.probe : type === 'context' && falsy === true ? RUNTIME.helper : RUNTIME.strict;
    const quoted = names.flatMap((n, i) => (i === 0 ? [this.quotedString(n)] : [',', this.quotedString(n)]));
    const prefix = this.quotedString(type === 'data' ? '@' : '');
    this.push([this.nameLookup('helpers', fn, 'helper'), '(', base, ',[', ...quoted, '],', prefix, ',', this.whereLiteral(), ')']);
  }

  append(): void {
    const local = this.popStack();
    const call = [this.nameLookup('helpers', RUNTIME.out, 'helper'), '(', local, ',', this.whereLiteral(), ')'];
    this.pushSource(this.appendToBuffer(call, undefined, true));
  }

  // noEscape is always on, so this is never emitted; if it were, output must still not be
  // HTML-escaped.
  appendEscaped(): void {
    this.append();
  }

  /** The current position as an object literal of two integers (1-based). */
  private whereLiteral(): string {
    const where = whereOfCompiler(this.source.currentLocation);
    return `{"line":${where.line},"col":${where.col}}`;
  }
}
(DeckhandCompiler.prototype as unknown as { compiler: unknown }).compiler = DeckhandCompiler;
(env as unknown as { JavaScriptCompiler: CompilerClass }).JavaScriptCompiler = DeckhandCompiler;

function whereOfCompiler(loc: unknown): Where {
  const start = typeof loc === 'object' && loc !== null ? (loc as { start?: { line?: unknown; column?: unknown } }).start : undefined;
  const line = Number(start?.line);
  const column = Number(start?.column);
  return {
    line: Number.isSafeInteger(line) && line > 0 ? line : 0,
    col: Number.isSafeInteger(column) && column >= 0 ? column + 1 : 0,
  };
}

/** Reads the `{line, col}` the generated code passes; anything else (a direct call) is no place. */
function whereArg(value: unknown): Where | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { line, col } = value as { line?: unknown; col?: unknown };
  return typeof line === 'number' && typeof col === 'number' && line > 0 ? { line, col } : undefined;
}

function pathArgs(args: readonly unknown[]): { base: unknown; names: string[]; prefix: string; where: Where | undefined } {
  const [base, names, prefix, where] = args;
  if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string') || typeof prefix !== 'string') {
    throw failure('TEMPLATE_HELPER', 'internal helper called from a template', { where: whereArg(args[args.length - 1]) });
  }
  return { base, names, prefix, where: whereArg(where) };
}

env.registerHelper(RUNTIME.strict, (...args: unknown[]) => {
  const a = pathArgs(args);
  return strictPath(a.base, a.names, a.prefix, a.where);
});
env.registerHelper(RUNTIME.probe, (...args: unknown[]) => {
  const a = pathArgs(args);
  return probePath(a.base, a.names);
});
env.registerHelper(RUNTIME.helper, (...args: unknown[]) => {
  const a = pathArgs(args);
  const name = showPath(a.prefix, a.names);
  throw failure('TEMPLATE_HELPER', `unknown helper '${name}'`, { hint: didYouMean(closest(name, HELPER_NAMES)), where: a.where });
});
env.registerHelper(RUNTIME.out, (value: unknown, where: unknown) => outputValue(value, whereArg(where)));

env.unregisterHelper('log');
for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);

/** Compile options: fixed, so the compile cache can key on the template text alone. */
export const COMPILE_OPTIONS = Object.freeze({
  noEscape: true,
  strict: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((n) => [n, true])),
});

/** Runtime options: prototype access stays denied, and saying so keeps handlebars from logging. */
export const RUNTIME_OPTIONS = Object.freeze({
  allowProtoMethodsByDefault: false,
  allowProtoPropertiesByDefault: false,
});
