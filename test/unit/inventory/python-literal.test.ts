import { strict as assert } from 'node:assert';
import { iniValue } from '../../../engine/inventory/python-literal.js';

// What Ansible's INI plugin makes of a value: Python's ast.literal_eval, else the text itself.
const values: [string, unknown][] = [
  ['22', 22],
  ['-3', -3],
  ['+3', 3],
  ['1_000', 1000],
  ['0x1F', 31],
  ['0o17', 15],
  ['0b101', 5],
  ['1.5', 1.5],
  ['1e3', 1000],
  ['.5', 0.5],
  ['True', true],
  ['False', false],
  ['None', null],
  ['true', 'true'],
  ['yes', 'yes'],
  ['FALSE', 'FALSE'],
  ['0644', '0644'],
  ['00', 0],
  ['10-5', '10-5'],
  ['10.0.0.1', '10.0.0.1'],
  ['1.2.3', '1.2.3'],
  ['1abc', '1abc'],
  ["'quoted'", 'quoted'],
  ['"dq"', 'dq'],
  ["'a' 'b'", 'ab'],
  ["'tab\\there'", 'tab\there'],
  ["r'raw\\n'", 'raw\\n'],
  ["b'bytes'", 'bytes'],
  ["f'x'", "f'x'"],
  ["'unterminated", "'unterminated"],
  ['[1, 2, 3]', [1, 2, 3]],
  ['[1, [2, "x"]]', [1, [2, 'x']]],
  ['(1, 2)', [1, 2]],
  ['(1,)', [1]],
  ['(7)', 7],
  ['()', []],
  ["{'a': 1, 'b': [True]}", { a: 1, b: [true] }],
  ['{1, 2}', [1, 2]],
  ['{}', {}],
  ['set()', []],
  ['[1, 2', '[1, 2'],
  ['1j', '1j'],
  ['2+3j', '2+3j'],
  ['...', '...'],
  ['hello world', 'hello world'],
  ['8080 # http', 8080],
  ['foo # note', 'foo # note'],
  ['', ''],
  ['  7', 7],
  ['12345678901234567890', '12345678901234567890'],
];

describe('inventory/python-literal: INI value typing', () => {
  for (const [text, expected] of values) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(iniValue(text), expected));
  }
});
