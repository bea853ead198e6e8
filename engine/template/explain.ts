// Turns whatever a template run threw into a TemplateFailure with a useful message, using the
// template's syntax tree to name the variable or quote the expression at fault.

import { closest } from '../errors/suggest.js';
import { callAt, nodesAt, sourceOf } from './ast-find.js';
import type { CompiledTemplate } from './compile-cache.js';
import { didYouMean, failure, TemplateFailure, whereOf } from './failure.js';

export function explain(e: unknown, template: CompiledTemplate, context: object): TemplateFailure {
  if (e instanceof TemplateFailure) return e.detail.explained === true ? e : improve(e, template, context);
  if (e instanceof RangeError) return failure('TEMPLATE_HELPER', 'the template nests too deeply to render', {}, { explained: true });
  const message = e instanceof Error ? e.message : String(e);
  // Handlebars' own helpers (#if, #each, #with, lookup) throw plain errors; some carry a place.
  const where = whereOf({ start: { line: (e as { lineNumber?: unknown }).lineNumber, column: (e as { column?: unknown }).column } });
  return failure('TEMPLATE_HELPER', `template failed: ${message.replace(/ - \d+:\d+$/, '')}`, { where }, { explained: true });
}

function improve(e: TemplateFailure, template: CompiledTemplate, context: object): TemplateFailure {
  const { error, detail } = e;
  const where = error.line !== undefined && error.col !== undefined ? { line: error.line, col: error.col } : undefined;
  if (where !== undefined && detail.helperArg !== undefined) {
    const call = callAt(template.ast, where, detail.helperArg.helper);
    const param = call?.params[detail.helperArg.index];
    if (param?.type === 'PathExpression') {
      const path = param as hbs.AST.PathExpression;
      const variable = path.original;
      const first = path.parts[0];
      const atRoot = path.depth === 0 && !path.data && first !== undefined && !Object.hasOwn(context, first);
      const hint = atRoot ? didYouMean(closest(first, Object.keys(context))) : undefined;
      const message = `undefined variable '${variable}' (argument ${detail.helperArg.index + 1} of ${detail.helperArg.helper})`;
      return failure('UNDEFINED_VAR', message, { variable, hint, where }, { explained: true });
    }
    if (param !== undefined) {
      const quoted = sourceOf(template.text, param);
      return failure('UNDEFINED_VAR', `${error.message}: ${quoted ?? 'the expression'} has no value`, { where }, { explained: true });
    }
  }
  if (where !== undefined && detail.noValue === true) {
    const node = nodesAt(template.ast, where).find((n) => n.type === 'MustacheStatement');
    if (node !== undefined) {
      const { path, params, hash } = node as hbs.AST.MustacheStatement;
      // Only a bare path names a variable; a helper call that gave nothing is quoted instead.
      const bare = path.type === 'PathExpression' && params.length === 0 && (hash === undefined || hash.pairs.length === 0);
      const variable = bare ? (path as hbs.AST.PathExpression).original : undefined;
      const quoted = sourceOf(template.text, node) ?? 'the expression';
      return failure('UNDEFINED_VAR', `${quoted} has no value`, { variable, where }, { explained: true });
    }
  }
  return new TemplateFailure(error, { ...detail, explained: true });
}
