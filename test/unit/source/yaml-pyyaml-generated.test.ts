// Differential on generated documents: nested maps and lists whose plain-scalar keys and values
// come from an alphabet aimed at PyYAML's resolver patterns, all read by Ansible in one batch.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ansiblePython } from '../../support/python.js';
import { pyyamlReadings } from '../../support/pyyaml-reading.js';
import { verdict } from '../../support/yaml-agreement.js';
import { deckhandReading } from '../../support/yaml-reading.js';

const WORDS = ['y', 'n', 'yes', 'No', 'ON', 'off', 'true', 'False', 'null', 'Null', '~', '.inf', '-.Inf', '.NaN', '2001-12-14'];
const HEAD = [...'0123456789+-.'];
const TAIL = [...'0123456789_.:+-eExXbBoOaF'];

/** Number-like text; never ending in ':' or starting a document marker, which YAML's syntax would claim. */
const numberish = fc
  .tuple(fc.constantFrom(...HEAD), fc.array(fc.constantFrom(...TAIL), { maxLength: 8 }))
  .map(([h, t]) => h + t.join(''))
  .filter((s) => !s.endsWith(':') && !s.startsWith('--') && !s.startsWith('..') && !/^[-+]$/.test(s));

const scalar = fc.oneof(fc.constantFrom(...WORDS), numberish);

type Tree = string | Tree[] | [string, Tree][] | { map: [string, Tree][] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.record({ map: fc.uniqueArray(fc.tuple(scalar, tie('node')), { maxLength: 4, selector: ([k]) => k }) }),
  ),
})).node;

const pad = (n: number): string => ' '.repeat(n);

/** Block-style YAML for a tree at an indentation. */
function render(t: Tree, indent: number): string {
  if (typeof t === 'string') return ` ${t}\n`;
  if (Array.isArray(t)) {
    if (t.length === 0) return ' []\n';
    return '\n' + t.map((x) => `${pad(indent)}-${render(x, indent + 2)}`).join('');
  }
  if (t.map.length === 0) return ' {}\n';
  return '\n' + t.map.map(([k, v]) => `${pad(indent)}${k}:${render(v, indent + 2)}`).join('');
}

const documentOf = (entries: [string, Tree][]): string =>
  entries.map(([k, v]) => `${k}:${render(v, 2)}`).join('') || '{}\n';

const documents = fc.uniqueArray(fc.tuple(scalar, tree), { minLength: 1, maxLength: 5, selector: ([k]) => k }).map(documentOf);

describe('source/yaml-pyyaml: generated documents read as Ansible reads them', function () {
  it('300 documents agree, or differ only in documented ways', function () {
    const python = ansiblePython();
    if (python === undefined) {
      console.log('      (skipped: needs ansible (apt-get install ansible))');
      this.skip();
    }
    this.timeout(60_000);
    const texts = fc.sample(documents, { seed: 20261208, numRuns: 300 });
    const ansible = pyyamlReadings(python, texts);
    texts.forEach((text, i) => {
      const a = ansible[i] ?? ['error', 'no answer'];
      const d = deckhandReading(text);
      assert.notEqual(verdict(a, d), 'differs', `${JSON.stringify(text)}: ansible ${JSON.stringify(a)}, deckhand ${JSON.stringify(d)}`);
    });
  });
});
