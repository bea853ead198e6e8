// fnmatch against python3's own fnmatch.fnmatchcase, pattern by pattern and name by name.
import { strict as assert } from 'node:assert';
import { fnmatch, fnmatchRegExp } from '../../../engine/text/fnmatch.js';
import { pythonJson } from '../../support/python.js';

// [pattern, names]: every name is tried against its pattern, and Python decides.
const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['1.33.*', ['1.33.2-1.1', '1.34.0-1.1', '1.33.', '1.33']],
  ['1.3?.0', ['1.30.0', '1.3.0', '1.300.0']],
  ['[!2]*', ['1.0', '2.0', '!', '']],
  ['web[0-9]', ['web1', 'weba', 'web10', 'web-']],
  ['web[!0-9]', ['web1', 'weba', 'web!']],
  ['[]]', [']', '[]]', 'a']],
  ['[]a]x', [']x', 'ax', 'bx']],
  ['[!]]', [']', 'a', '!']],
  ['[!]a]', [']', 'a', 'b']],
  ['[', ['[', 'a']],
  ['a[b', ['a[b', 'ab']],
  ['[!', ['[!', 'a']],
  ['[]', ['[]', ']']],
  ['[!]', ['[!]', 'a', '!']],
  ['[z-a]', ['z', 'a', 'm', '-']],
  ['[a-]', ['a', '-', 'b']],
  ['[-a]', ['a', '-', 'b']],
  ['[a-c-e]', ['b', '-', 'd', 'e']],
  ['[^a]', ['^', 'a', 'b']],
  ['[\\]', ['\\', 'a']],
  ['[a\\-z]', ['a', '\\', '-', 'z', 'm']],
  ['[[]', ['[', 'a']],
  ['[&&]', ['&', 'a']],
  ['[a|b]', ['|', 'a', 'c']],
  ['a.b', ['a.b', 'axb']],
  ['(x)+{1}$^|/', ['(x)+{1}$^|/', 'xx']],
  ['*', ['', 'anything', 'line\nbreak']],
  ['?', ['\n', 'a', '']],
  ['a*b*c', ['abc', 'aXbYc', 'abcbc', 'acb', 'abbbc']],
  ['**a**', ['a', 'bab', 'b']],
  ['*.example.com', ['web.example.com', 'example.com', 'a.b.example.com']],
  ['db*-[0-9][0-9]', ['db-01', 'dbmain-99', 'db-1', 'db-0a']],
  ['kube-?', ['kube-a', 'kube-ab']],
  ['UPPER', ['upper', 'UPPER']],
];

const PY_FNMATCH = `
import fnmatch, json, sys
print(json.dumps([[fnmatch.fnmatchcase(n, p) for n in names] for p, names in json.load(sys.stdin)]))
`;

describe('text/fnmatch', () => {
  it('matches exactly as python3 fnmatch.fnmatchcase', () => {
    const python = pythonJson(PY_FNMATCH, CASES);
    const ours = CASES.map(([p, names]) => names.map((n) => fnmatch(n, p)));
    assert.deepEqual(ours, python);
  });

  it('every pattern compiles, however broken its brackets', () => {
    for (const [p] of CASES) assert.ok(fnmatchRegExp(p) instanceof RegExp, p);
  });

  it('interior stars do not backtrack: a long near-miss is answered at once', () => {
    const started = performance.now();
    assert.equal(fnmatch(`${'a'.repeat(5000)}b`, '*a*a*a*a*a*a*a*c'), false);
    assert.ok(performance.now() - started < 1000);
  });
});
