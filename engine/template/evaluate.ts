// Rendering one string, or every string in a structure, against a context object.
import { compileTemplate } from './compile-cache.js';
import { mapStrings } from './data.js';
import { explain } from './explain.js';
import { resetLastValue, takeLastValue } from './output.js';

/** Cheap test so that most strings never reach handlebars. */
export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/**
 * 'value': a text that is exactly one `{{ … }}` gives that expression's value, type and all;
 * 'text': always a string.
 */
export function evaluateString(text: string, context: object, mode: 'value' | 'text'): unknown {
  if (!hasTemplate(text)) return text;
  const template = compileTemplate(text);
  resetLastValue();
  let out: string;
  try {
    out = template.run(context);
  } catch (e) {
    throw explain(e, template, context);
  }
  if (mode === 'value' && template.singleExpression) {
    const last = takeLastValue();
    if (last.found) return last.value;
  }
  return out;
}

/** A new structure with every string rendered; keys stay as written. */
export function evaluateDeep(value: unknown, context: object): unknown {
  return mapStrings(value, (text) => evaluateString(text, context, 'value'));
}
