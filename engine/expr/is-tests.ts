// The tests usable after `is`: Jinja's type tests and Ansible's task-result
// tests. A test receives the evaluated value (possibly Undefined, for the few
// that accept it) and its bound arguments, and returns a boolean.

import type { Param } from './args.js';
import { fail } from './errors.js';
import { contains } from './operators.js';
import { regexTest, type RegexMode } from './regex.js';
import { isUndefined } from './undefined.js';
import { isMapping, kindOf, pyStr, pythonTruthy, typeName, type Mapping } from './values.js';

export interface TestDef {
  readonly params: readonly Param[];
  /** Only `defined`/`undefined` may look at an undefined value. */
  readonly acceptsUndefined?: true;
  run(value: unknown, args: readonly unknown[], offset: number): boolean;
}

const NO_PARAMS: readonly Param[] = [];

function simple(run: (value: unknown) => boolean): TestDef {
  return { params: NO_PARAMS, run };
}

// Ansible's result tests require a registered task result (a mapping).
function resultTest(name: string, run: (result: Mapping) => boolean): TestDef {
  return {
    params: NO_PARAMS,
    run(value, _args, offset) {
      if (!isMapping(value)) {
        fail('EXPR_TYPE', `the '${name}' test expects a task result (a dictionary), got ${typeName(value)}`, offset,
          `register the task and test the result, e.g. \`register: result\` then \`result is ${name}\``);
      }
      return run(value);
    },
  };
}

// A loop's registered result carries `results`; when the top level has no
// `changed`, any changed item counts (as in Ansible).
function isChanged(r: Mapping): boolean {
  if (Object.hasOwn(r, 'changed')) return r['changed'] === true;
  const results = r['results'];
  return Array.isArray(results) && results.some((x: unknown) => isMapping(x) && x['changed'] === true);
}

const isFailed = (r: Mapping): boolean => r['failed'] === true;
const isSkipped = (r: Mapping): boolean => r['skipped'] === true;

const REGEX_PARAMS: readonly Param[] = [{ name: 'pattern' }, { name: 'ignorecase', default: false }, { name: 'multiline', default: false }];

function regexDef(fixedMode: RegexMode | undefined): TestDef {
  const params = fixedMode ? REGEX_PARAMS : [...REGEX_PARAMS, { name: 'match_type', default: 'search' }];
  return {
    params,
    run(value, args, offset) {
      const [pattern, ignorecase, multiline, matchType] = args;
      if (typeof pattern !== 'string') fail('EXPR_TYPE', `regex pattern must be a string, got ${typeName(pattern)}`, offset);
      const mode = fixedMode ?? matchType;
      if (mode !== 'match' && mode !== 'search') fail('EXPR_TYPE', "match_type must be 'match' or 'search'", offset);
      return regexTest(pyStr(value), pattern, mode, pythonTruthy(ignorecase), pythonTruthy(multiline), offset);
    },
  };
}

const sequenceLike = (v: unknown): boolean => ['string', 'list', 'mapping'].includes(kindOf(v));

const changed = resultTest('changed', isChanged);
const failed = resultTest('failed', isFailed);
const succeeded = resultTest('succeeded', (r) => !isFailed(r));
const skipped = resultTest('skipped', isSkipped);

export const TESTS: ReadonlyMap<string, TestDef> = new Map<string, TestDef>([
  ['defined', { params: NO_PARAMS, acceptsUndefined: true, run: (v) => !isUndefined(v) }],
  ['undefined', { params: NO_PARAMS, acceptsUndefined: true, run: (v) => isUndefined(v) }],
  ['none', simple((v) => kindOf(v) === 'none')],
  ['changed', changed],
  ['change', changed],
  ['failed', failed],
  ['failure', failed],
  ['succeeded', succeeded],
  ['success', succeeded],
  ['successful', succeeded],
  ['skipped', skipped],
  ['skip', skipped],
  ['truthy', simple(pythonTruthy)],
  ['falsy', simple((v) => !pythonTruthy(v))],
  ['true', simple((v) => v === true)],
  ['false', simple((v) => v === false)],
  ['boolean', simple((v) => typeof v === 'boolean')],
  ['string', simple((v) => typeof v === 'string')],
  ['number', simple((v) => typeof v === 'number')],
  ['integer', simple((v) => typeof v === 'number' && Number.isInteger(v))],
  ['float', simple((v) => typeof v === 'number' && !Number.isInteger(v))],
  ['mapping', simple(isMapping)],
  ['sequence', simple(sequenceLike)],
  ['iterable', simple(sequenceLike)],
  ['match', regexDef('match')],
  ['search', regexDef('search')],
  ['regex', regexDef(undefined)],
  ['in', { params: [{ name: 'seq' }], run: (v, [seq], offset) => contains(seq, v, offset) }],
]);
