// The public entry points: each call gets its own render state, so lazily rendered variables are
// remembered for that call only.
import { detach } from './data.js';
import { evaluateDeep, evaluateString, hasTemplate } from './evaluate.js';
import { templateError, TemplateFailure } from './failure.js';
import { RenderState } from './scope.js';
import type { RenderResult, TemplateError, VarSource } from './types.js';

function guarded<T>(run: () => T, prefix = ''): RenderResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    const error: TemplateError =
      e instanceof TemplateFailure
        ? e.error
        : templateError('TEMPLATE_HELPER', `internal error while rendering: ${e instanceof Error ? e.message : String(e)}`);
    return { ok: false, error: prefix === '' ? error : { ...error, message: `${prefix}${error.message}` } };
  }
}

const NOT_A_STRING = templateError('TEMPLATE_SYNTAX', 'a template must be a string');

/**
 * Renders one string. A string that is exactly one `{{ expr }}` (spaces inside the braces are fine,
 * outside they make it text) keeps the value's type: list, dict, number, boolean, null.
 */
export function renderString(template: string, vars: VarSource): RenderResult<unknown> {
  if (typeof template !== 'string') return { ok: false, error: NOT_A_STRING };
  if (!hasTemplate(template)) return { ok: true, value: template };
  return guarded(() => detach(evaluateString(template, new RenderState().scope(vars).context, 'value')));
}

/** Renders every string inside arrays and objects (keys stay literal); the input is not changed. */
export function renderValue(value: unknown, vars: VarSource): RenderResult<unknown> {
  return guarded(() => detach(evaluateDeep(value, new RenderState().scope(vars).context)));
}

/** Renders a template file; the result is always text. `name` goes into error messages. */
export function renderFile(text: string, vars: VarSource, name: string): RenderResult<string> {
  if (typeof text !== 'string') return { ok: false, error: { ...NOT_A_STRING, message: `template '${name}': ${NOT_A_STRING.message}` } };
  return guarded(() => evaluateString(text, new RenderState().scope(vars).context, 'text') as string, `template '${name}': `);
}

export { hasTemplate };
