// How a value becomes text in `{{ … }}`, and the slot that lets a template that is exactly one
// expression hand back the value itself (a list stays a list, 6443 stays a number).
import { failure, type Where } from './failure.js';

const NONE = Symbol('none');
let lastValue: unknown = NONE;

/** Called by generated code for every `{{ … }}` and block that writes output. */
export function outputValue(value: unknown, where: Where | undefined): string {
  if (value === undefined) {
    throw failure('UNDEFINED_VAR', 'the expression has no value', { where }, { noValue: true });
  }
  lastValue = value;
  return toText(value);
}

/** Rendering is synchronous, so the value written last by a one-expression template is its own. */
export function resetLastValue(): void {
  lastValue = NONE;
}

export function takeLastValue(): { readonly found: boolean; readonly value: unknown } {
  const value = lastValue;
  lastValue = NONE;
  return value === NONE ? { found: false, value: undefined } : { found: true, value };
}

/** Text form: strings as they are, null as nothing, lists and dicts as JSON. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'object') return JSON.stringify(value, jsonSafe) ?? '';
  return '';
}

/** JSON.stringify replacer: bigint as a number string, functions and symbols left out. */
export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
