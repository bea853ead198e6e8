// Differential: each plain scalar, as a key and as a value, read by Ansible's loader and by
// deckhand. Anything but agreement or a documented deliberate difference fails.
import { strict as assert } from 'node:assert';
import { ansiblePython } from '../../support/python.js';
import { pyyamlReadings } from '../../support/pyyaml-reading.js';
import { verdict, type Verdict } from '../../support/yaml-agreement.js';
import { deckhandReading, type Reading } from '../../support/yaml-reading.js';

// [plain scalar, verdict]; most agree.
const CASES: [string, Verdict][] = [
  ...[
    'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'yEs', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'tRUE', 'false',
    'False', 'FALSE', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF', 't', 'f',
    '0x1F', '-0x1F', '0xFf', '0x_1', '0x', '0x_', '+0x_', '0o17', '0o7', '017', '+017', '-017', '0777', '08', '09',
    '0_8', '00', '0_', '-0', '+0', '0', '0b101', '-0b1', '0b', '0b_', '0b2', '1_000', '1__0', '1_', '_1', '+1',
    '-1', '123', '9007199254740991',
    '1.5', '1.5e3', '1.5e+3', '1.5E-3', '1e3', '1e+3', '1.', '1.e+3', '.5', '.5e-1', '+.5', '-.5', '.', '._',
    '-1_0.5', '0.1_2', '09.5', '1_.5', '.inf', '-.inf', '+.Inf', '.INF', '.nan', '.NaN', '.NAN', '-.nan', '+.nan',
    '.Nan', 'inf', 'nan',
    '~', 'null', 'Null', 'NULL', 'nULL', 'none', 'None',
    '00:30', '0:30', '1:60', '=', '==', '<', 'a=b', '2001-12-1', '2001-1-14',
    'hello', 'a b', '-', '--', '0xG', '1-2', '1.2.3', '12:30:00Z',
  ].map((s): [string, Verdict] => [s, 'same']),
  ['1:30', 'base-60'],
  ['-1:30', 'base-60'],
  ['190:20:30', 'base-60'],
  ['1:30.5', 'base-60'],
  ['0:30.5', 'base-60'],
  ['2001-12-14', 'timestamp'],
  ['2001-12-14t21:59:43.10-05:00', 'timestamp'],
  ['2001-12-14T21:59:43Z', 'timestamp'],
  ['2001-12-14 21:59:43.10 -5', 'timestamp'],
  ['2002-12-14 21:59:43.10', 'timestamp'],
];

/** Each scalar as a value and as a key. */
const documents = (s: string): string[] => [`k: ${s}\n`, `${s}: v\n`];

describe('source/yaml-pyyaml: plain scalars read as Ansible reads them', function () {
  const python = ansiblePython();
  const texts = CASES.flatMap(([s]) => documents(s));
  let ansible: Reading[] = [];

  before(function () {
    if (python === undefined) {
      console.log('      (skipped: needs ansible (apt-get install ansible))');
      this.skip();
    }
    this.timeout(30_000);
    ansible = pyyamlReadings(python, texts);
  });

  CASES.forEach(([s, want], i) => {
    it(`${s} → ${want}`, () => {
      documents(s).forEach((text, j) => {
        const a = ansible[i * 2 + j] ?? ['error', 'no answer'];
        const d = deckhandReading(text);
        assert.equal(verdict(a, d), want, `${JSON.stringify(text)}: ansible ${JSON.stringify(a)}, deckhand ${JSON.stringify(d)}`);
      });
    });
  });
});
