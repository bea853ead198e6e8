// The helpers templates can call. docs/templates.md describes each with an example.
import YAML from 'yaml';
import { callOf, defined, helperFailure, kindOf, listArg, textArg } from './helper-call.js';
import { deepEqual, detach, handlebarsTruthy } from './data.js';
import { jsonSafe, toText } from './output.js';
import { strictPath } from './paths.js';
import { shellQuote } from '../text/shell-quote.js';

type Helper = (this: unknown, ...args: unknown[]) => unknown;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function indentOf(hash: Readonly<Record<string, unknown>>): number | undefined {
  const indent = hash['indent'];
  return typeof indent === 'number' && Number.isInteger(indent) && indent >= 0 && indent <= 10 ? indent : undefined;
}

export const HELPERS: Readonly<Record<string, Helper>> = {
  /** {{default x "fallback"}}: x if defined, else the fallback; with a third argument `true`,
   * also when x is null, false, 0, "" or []. Like Ansible's `default(…, true)`. */
  default(...args) {
    const c = callOf(args, 2, 3);
    const [value, fallback, orFalsy] = c.params;
    if (value === undefined) return fallback;
    return orFalsy === true && !handlebarsTruthy(value) ? fallback : value;
  },

  join(...args) {
    const c = callOf(args, 1, 2);
    const list = listArg(c, 0);
    const sep = c.params.length > 1 ? textArg(c, 1) : '';
    return list.map((item) => toText(item)).join(sep);
  },

  quote(...args) {
    const c = callOf(args, 1, 1);
    return shellQuote(c.params[0] === null ? '' : textArg(c, 0));
  },

  to_json(...args) {
    const c = callOf(args, 1, 1);
    return JSON.stringify(detach(defined(c, 0)), jsonSafe, indentOf(c.options.hash));
  },

  to_yaml(...args) {
    const c = callOf(args, 1, 1);
    const indent = indentOf(c.options.hash);
    return YAML.stringify(detach(defined(c, 0)), indent !== undefined && indent > 0 ? { indent } : {});
  },

  b64encode(...args) {
    const c = callOf(args, 1, 1);
    return Buffer.from(textArg(c, 0), 'utf8').toString('base64');
  },

  b64decode(...args) {
    const c = callOf(args, 1, 1);
    const text = textArg(c, 0).replace(/\s+/g, '');
    if (!BASE64.test(text)) throw helperFailure(c, 'b64decode: the text is not base64');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'base64'));
    } catch {
      throw helperFailure(c, 'b64decode: the decoded bytes are not UTF-8 text');
    }
  },

  lower(...args) {
    const c = callOf(args, 1, 1);
    const value = defined(c, 0);
    if (typeof value !== 'string') throw helperFailure(c, `lower expects text, got ${kindOf(value)}`);
    return value.toLowerCase();
  },

  upper(...args) {
    const c = callOf(args, 1, 1);
    const value = defined(c, 0);
    if (typeof value !== 'string') throw helperFailure(c, `upper expects text, got ${kindOf(value)}`);
    return value.toUpperCase();
  },

  /** The first item of a list (or character of a text); nothing for an empty one. */
  first(...args) {
    const c = callOf(args, 1, 1);
    const value = defined(c, 0);
    if (typeof value === 'string') return [...value][0];
    if (Array.isArray(value)) return (value as unknown[])[0];
    throw helperFailure(c, `first expects a list, got ${kindOf(value)}`);
  },

  last(...args) {
    const c = callOf(args, 1, 1);
    const value = defined(c, 0);
    if (typeof value === 'string') return [...value].at(-1);
    if (Array.isArray(value)) return (value as unknown[]).at(-1);
    throw helperFailure(c, `last expects a list, got ${kindOf(value)}`);
  },

  /** Items of a list, characters of a text, keys of a dict. */
  length(...args) {
    const c = callOf(args, 1, 1);
    const value = defined(c, 0);
    if (typeof value === 'string') return [...value].length;
    if (Array.isArray(value)) return value.length;
    if (typeof value === 'object' && value !== null) return Object.keys(value).length;
    throw helperFailure(c, `length expects a list, text or dict, got ${kindOf(value)}`);
  },

  // Comparisons and logic probe: an undefined argument is just a value, as in {{#if}}.
  eq(...args) {
    const c = callOf(args, 2, 2);
    return deepEqual(c.params[0], c.params[1]);
  },

  ne(...args) {
    const c = callOf(args, 2, 2);
    return !deepEqual(c.params[0], c.params[1]);
  },

  and(...args) {
    const c = callOf(args, 1, Infinity);
    return c.params.every(handlebarsTruthy);
  },

  or(...args) {
    const c = callOf(args, 1, Infinity);
    return c.params.some(handlebarsTruthy);
  },

  not(...args) {
    const c = callOf(args, 1, 1);
    return !handlebarsTruthy(c.params[0]);
  },

  /** {{hostvar "master" "cluster_address"}}: another host's variable, from `hostvars`. */
  hostvar(...args) {
    const c = callOf(args, 2, 2);
    const host = textArg(c, 0);
    const name = textArg(c, 1);
    return strictPath(c.options.data?.root, ['hostvars', host, name], '', c.where);
  },

  /** {{{{raw}}}} … {{{{/raw}}}}: the text in between, mustaches and all. */
  raw(...args) {
    const c = callOf(args, 0, 0);
    if (c.options.fn === undefined) throw helperFailure(c, 'raw is a block: {{{{raw}}}} … {{{{/raw}}}}');
    return c.options.fn(this);
  },
};
