// What a helper receives from handlebars, checked: its arguments, its hash and where it was called.
import { failure, whereOf, type Where } from './failure.js';

export interface HelperOptions {
  readonly name: string;
  readonly hash: Readonly<Record<string, unknown>>;
  readonly data?: { readonly root?: unknown };
  readonly loc?: unknown;
  readonly fn?: (context: unknown) => string;
}

export interface Call {
  readonly name: string;
  readonly params: readonly unknown[];
  readonly options: HelperOptions;
  readonly where: Where | undefined;
}

function isOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' && typeof (value as { hash?: unknown }).hash === 'object';
}

/** Splits handlebars' (params…, options) and checks the number of arguments. */
export function callOf(args: readonly unknown[], min: number, max: number): Call {
  const options = args[args.length - 1];
  if (!isOptions(options)) throw failure('TEMPLATE_HELPER', 'a helper was called without handlebars options');
  const call: Call = { name: options.name, params: args.slice(0, -1), options, where: whereOf(options.loc) };
  const n = call.params.length;
  if (n < min || n > max) {
    const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    const message = `${call.name} takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${n}`;
    // `{{ first }}` calls the helper even when a variable is named `first`; say how to reach it.
    const root = options.data?.root;
    const shadowed = n === 0 && typeof root === 'object' && root !== null && Object.hasOwn(root, call.name);
    const hint = shadowed ? `'${call.name}' is also a variable: write {{ this.${call.name} }} or {{ @root.${call.name} }}` : undefined;
    throw failure('TEMPLATE_HELPER', message, { where: call.where, hint });
  }
  return call;
}

export function helperFailure(call: Call, message: string): Error {
  return failure('TEMPLATE_HELPER', message, { where: call.where });
}

/** The argument at `index`, which must be defined: an undefined variable here is an error. */
export function defined(call: Call, index: number): unknown {
  const value = call.params[index];
  if (value === undefined) {
    throw failure(
      'UNDEFINED_VAR',
      `argument ${index + 1} of ${call.name} is undefined`,
      { where: call.where },
      { helperArg: { helper: call.name, index } },
    );
  }
  return value;
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a dict';
  return `a ${typeof value}`;
}

/** Text for helpers that work on text: strings, and numbers/booleans written out. */
export function textArg(call: Call, index: number): string {
  const value = defined(call, index);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw helperFailure(call, `${call.name} expects text, got ${kindOf(value)}`);
}

export function listArg(call: Call, index: number): readonly unknown[] {
  const value = defined(call, index);
  if (Array.isArray(value)) return value;
  throw helperFailure(call, `${call.name} expects a list, got ${kindOf(value)}`);
}
