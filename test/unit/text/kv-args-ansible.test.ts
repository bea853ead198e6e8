// Differential: split_args and parse_kv (with and without check_raw) against Ansible's own
// ansible.parsing.splitter, one python process for the whole table and one for the generated cases.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CHECK_RAW_KEYS, parseKv } from '../../../engine/text/kv-args.js';
import { joinArgs, splitArgs } from '../../../engine/text/ansible-split-args.js';
import { ansiblePython, pythonJsonWith } from '../../support/python.js';

const r = String.raw;

const CASES: readonly string[] = [
  // plain words, spacing
  'a=1', 'a=1 b=2', 'a=1  b=2', 'a=1 b=2 ', ' a=1', '  a=1', '', ' ', 'a', 'a b c', 'a=1\tb=2',
  // quotes
  'a="x y"', "a='x y'", 'a="x \'y\' z"', "a='x \"y\" z'", '"a=b"', "'a'=b", 'a="x"y', 'a=x"y z"',
  r`a="say \"hi\""`, r`a='it\'s'`, 'a=""', "a=''", 'a="', "a='x", 'a="x y', 'a="x" b="y',
  // escapes
  r`a=x\ny`, r`a=x\ty`, r`a=x\\y`, r`a=\"x\"`, r`a=caf\u00e9`, r`a=\x41\x42`, r`a=\U0001F600`,
  r`a=\a\b\f\r\v`, r`a=\q`, r`a=\x4`, r`a=\\n`, r`content="rescued\n"`, r`a=\u00E9\u00e9`, r`a=\'`,
  // jinja
  'path={{ base_dir }} state=directory', 'a={{ x | default("a b") }}', 'a="{{ x }}"',
  'a={% if x %}y{% else %}z{% endif %}', 'a={# note #}b', 'a={{ {"k": "v"} }}', 'a={{ x }', 'a={{ x',
  'a={% if x %}', 'a={# x', 'a={{x}} b={{ y }}', '{{ x }}', 'a={{ "}}" }}',
  // = inside values, keys
  'a=b=c', 'url=http://h/?q=1&r=2', 'a==b', '=a', 'a=', 'a= b=1', r`a\=b=c`, r`a\=b`, 'a = b', 'k-ey=v', '"a"=b',
  // duplicates
  'a=1 a=2', 'a=1 b=2 a=3',
  // newlines and continuation
  'a=1\nb=2', 'a=1 \\\nb=2', 'a="x\ny"', 'a=1\n\nb=2', 'a=1\n', '\na=1', 'a=1 \\ b=2', 'a={{ x\n}}',
  'echo a\n  echo b', 'a=1\\\nb=2',
  // free-form commands
  'ls -l chdir=/tmp', 'echo "creates=x" creates=/y', 'kubeadm init --pod-network-cidr=10.0.0.0/16 creates=/etc/k',
  'echo hi > /tmp/f removes=/tmp/g', "sh -c 'a=b; echo $a' stdin=hello", r`printf 'a\n' | tr a b`,
  'warn=no executable=/bin/bash echo x', 'echo {{ a }} {{ b }}', 'cmd=x chdir=/',
];

/** One case as parse_kv sees it: options plus `_raw_params`, or that it failed. */
type Parsed = Record<string, string> | { error: true };

function ours(s: string, checkRaw: boolean): Parsed {
  const p = parseKv(s, checkRaw ? CHECK_RAW_KEYS : undefined);
  if (!p.ok) return { error: true };
  const out: Record<string, string> = Object.fromEntries(p.options);
  if (p.raw.length > 0) out['_raw_params'] = joinArgs(p.raw.map((w) => w.text));
  return out;
}

function oursSplit(s: string): string[] | { error: true } {
  const p = splitArgs(s);
  return p.ok ? p.words.map((w) => w.text) : { error: true };
}

const PY = `
import json, sys
from ansible.parsing.splitter import parse_kv, split_args
def run(f):
    try:
        return f()
    except Exception:
        return {'error': True}
out = []
for s in json.load(sys.stdin):
    out.append([run(lambda: split_args(s)), run(lambda: parse_kv(s)), run(lambda: parse_kv(s, check_raw=True))])
print(json.dumps(out))
`;

/** Every input's [split_args, parse_kv, parse_kv check_raw] from both sides, and the disagreements. */
function compare(python: string, inputs: readonly string[]): string[] {
  const theirs = pythonJsonWith(python, PY, inputs) as unknown[];
  const bad: string[] = [];
  inputs.forEach((s, i) => {
    const mine = [oursSplit(s), ours(s, false), ours(s, true)];
    try {
      assert.deepEqual(mine, theirs[i]);
    } catch {
      bad.push(`${JSON.stringify(s)}: ours ${JSON.stringify(mine)}, Ansible ${JSON.stringify(theirs[i])}`);
    }
  });
  return bad;
}

function needAnsible(ctx: Mocha.Context): string {
  const python = ansiblePython();
  if (python !== undefined) return python;
  console.log('      (skipped: needs ansible (apt-get install ansible))');
  ctx.skip();
}

// The characters that steer the splitter, and some plain ones.
const TRICKY = ['a', 'b', 'k', '=', ' ', '  ', '"', "'", '\\', '\n', '{{', '}}', '{%', '%}', '{#', '#}', 'n', 't', 'u00e9', 'x41', 'creates', 'chdir'];

// Pieces of values: plain text, escapes, `=`, quotes and Jinja, balanced and not.
const VALUE_PIECES = [
  'x', 'y z', '=', '/tmp/a', r`\n`, r`\t`, r`\\`, r`\"`, r`\x41`, r`\u00e9`, r`\q`, '{{ v }}', '{{ "a b" }}',
  '{% if a %}b{% endif %}', '{# c #}', '"q r"', "'s t'", '{{', '}}', '"',
];

describe('text/kv-args: differential against ansible.parsing.splitter', () => {
  it(`${CASES.length} hand-written cases: split_args, parse_kv, parse_kv(check_raw=True)`, function () {
    const python = needAnsible(this);
    assert.ok(CASES.length >= 60);
    assert.deepEqual(compare(python, CASES), []);
  });

  it('generated k=v strings from the tricky characters (fast-check, seed 20261208, 300 runs)', function () {
    const python = needAnsible(this);
    const word = fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((p) => p.join(''));
    const inputs = fc.sample(word, { seed: 20261208, numRuns: 300 });
    assert.deepEqual(compare(python, inputs), []);
  });

  it('generated key=value lines: quoted, escaped and Jinja values (fast-check, seed 20261208, 300 runs)', function () {
    const python = needAnsible(this);
    const piece = fc.constantFrom(...VALUE_PIECES);
    const value = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
    const quoted = fc.tuple(fc.constantFrom('', '"', "'"), value).map(([q, v]) => q + v + q);
    const word = fc.oneof(
      fc.tuple(fc.constantFrom('a', 'k', 'creates', 'chdir', 'dest', 'a\\=b'), quoted).map(([k, v]) => `${k}=${v}`),
      value,
    );
    const line = fc
      .array(fc.tuple(word, fc.constantFrom(' ', ' ', '  ', '\n', ' \\\n')), { minLength: 1, maxLength: 5 })
      .map((ws) => ws.map(([w, sep], i) => (i === 0 ? w : sep + w)).join(''));
    const inputs = fc.sample(line, { seed: 20261208, numRuns: 300 });
    assert.deepEqual(compare(python, inputs), []);
  });

  it('refuses \\N{NAME}, which Ansible decodes (a documented difference)', () => {
    const p = parseKv(r`a=\N{BULLET}`);
    assert.ok(!p.ok && p.message.includes('named Unicode escapes'));
  });

  it('locates an unclosed quote at the quote and an unclosed {{ at its word', () => {
    const q = splitArgs('a=1 b="x y');
    assert.ok(!q.ok && q.offset === 6);
    const j = splitArgs('a=1 b={{ x');
    assert.ok(!j.ok && j.offset === 4);
  });
});
