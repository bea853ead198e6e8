// Python's shlex.split (POSIX mode), checked against python3 itself.
import { strict as assert } from 'node:assert';
import { shlexSplit } from '../../../engine/text/shlex.js';
import { pythonJson } from '../../support/python.js';

// INI host lines: split with comments=True.
const lines: [string, string[]][] = [
  ['web1 a=1 b=2', ['web1', 'a=1', 'b=2']],
  ['web1 msg="hello world"', ['web1', 'msg=hello world']],
  ["web1 msg='it''s'", ['web1', 'msg=its']],
  ['web1 pw=abc#def', ['web1', 'pw=abc']],
  ["web1 pw='abc#def'", ['web1', 'pw=abc#def']],
  ['web1 # comment', ['web1']],
  ['web1 a=x\\ y', ['web1', 'a=x y']],
  ['web1 a="q\\"q"', ['web1', 'a=q"q']],
  ['web1 a="back\\slash"', ['web1', 'a=back\\slash']],
  ['web1 a=""', ['web1', 'a=']],
  ['  web1\tz=1  ', ['web1', 'z=1']],
];

const commandLines: string[] = [
  'ls -l /tmp',
  `echo 'a b' "c d" e\\ f`,
  // Inside double quotes a backslash escapes only '"' and itself: `\$HOME` keeps its backslash.
  `echo "say \\"hi\\" \\$HOME"`,
  `echo ''`,
  '  spaced   out  ',
  'a#b c',
  `x="a\\\\b" 'c\\d'`,
  'tab\there\nnewline',
  `mixed"quo"'ted' parts`,
];

const PY_SPLIT = `
import json, shlex, sys
out = []
for case in json.load(sys.stdin):
    try: out.append(shlex.split(case['line'], comments=case['comments']))
    except ValueError: out.append(None)
print(json.dumps(out))
`;

function ours(line: string, comments: boolean): string[] | null {
  const r = shlexSplit(line, { comments });
  return r.ok ? r.tokens.map((t) => t.text) : null;
}

describe('text/shlex', () => {
  describe('INI host lines (comments)', () => {
    for (const [line, tokens] of lines) {
      it(`${JSON.stringify(line)}`, () => assert.deepEqual(ours(line, true), tokens));
    }
  });

  it('agrees with python3 shlex.split, with and without comments', () => {
    const all = [...lines.map(([l]) => l), ...commandLines, 'web1 a="open', 'trailing\\'];
    const cases = all.flatMap((line) => [{ line, comments: true }, { line, comments: false }]);
    const python = pythonJson(PY_SPLIT, cases);
    assert.deepEqual(cases.map((c) => ours(c.line, c.comments)), python);
  });

  it('reports an unclosed quote at the quote', () => {
    assert.deepEqual(shlexSplit('web1 a="open'), { ok: false, message: 'no closing quotation', offset: 7 });
  });
  it('keeps each token start for error columns', () => {
    const r = shlexSplit('web1  x=1');
    assert.ok(r.ok);
    assert.deepEqual(
      r.tokens.map((t) => t.offset),
      [0, 6],
    );
  });
});
