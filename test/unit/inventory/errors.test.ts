import { strict as assert } from 'node:assert';
import { loadInventory } from '../../../engine/inventory/index.js';
import { fixture } from './helpers.js';

/** [code, 'line:col' (or '' when not pinned), text the message or hint must contain]. */
type Expected = [string, string, RegExp?];

// Every fixture under test/fixtures/inventory/errors/ and every problem it must report.
const cases: [string, Expected[]][] = [
  ['yaml-typo.yml', [['INVENTORY_UNKNOWN_KEY', '4:7', /did you mean 'children'/]]],
  ['yaml-hosts-list.yml', [['INVENTORY_HOSTS_NOT_MAP', '3:5', /not as '- web1'/]]],
  ['yaml-children-list.yml', [['INVENTORY_CHILDREN_NOT_MAP', '2:13', /must be a mapping, got a list/]]],
  ['yaml-child-not-map.yml', [['INVENTORY_GROUP_NOT_MAP', '6:9', /group 'db'/]]],
  [
    'yaml-host-names.yml',
    [
      ['INVENTORY_HOST_NAME', '3:5', /number 1/],
      ['INVENTORY_HOST_NAME', '4:5', /quote it: 'on'/],
      ['INVENTORY_HOST_NAME', '6:5', /null/],
    ],
  ],
  ['yaml-cycle.yml', [['INVENTORY_GROUP_CYCLE', '8:5', /'c' is already inside 'a'/]]],
  ['yaml-self-child.yml', [['INVENTORY_GROUP_CYCLE', '3:5', /child of itself/]]],
  [
    'yaml-host-vars.yml',
    [
      ['INVENTORY_HOST_VARS_NOT_MAP', '3:11', /got a list/],
      ['INVENTORY_HOST_VARS_NOT_MAP', '4:11', /port=22/],
    ],
  ],
  [
    'yaml-bad-range.yml',
    [
      ['INVENTORY_HOST_PATTERN', '3:5', /empty/],
      ['INVENTORY_HOST_PATTERN', '4:5', /same number of digits/],
    ],
  ],
  ['yaml-priority.yml', [['INVENTORY_GROUP_PRIORITY', '3:29', /integer/]]],
  [
    'yaml-group-vars.yml',
    [
      ['INVENTORY_VARS_NOT_MAP', '2:9', /'vars:' of group 'web'/],
      ['INVENTORY_UNKNOWN_KEY', '5:3', /children:/],
    ],
  ],
  ['yaml-syntax.yml', [['YAML_BAD_INDENT', '']]],
  ['yaml-duplicate.yml', [['YAML_DUPLICATE_KEY', '']]],
  ['yaml-plugin.yml', [['INVENTORY_PLUGIN', '1:1', /not supported/]]],
  ['yaml-not-map.yml', [['INVENTORY_YAML_NOT_MAP', '1:1']]],
  ['ini-section-type.ini', [['INVENTORY_INI_SECTION_TYPE', '3:6', /did you mean '\[web:children\]'/]]],
  ['ini-bad-section.ini', [['INVENTORY_INI_SECTION', '1:1', /no spaces/]]],
  ['ini-quote.ini', [['INVENTORY_INI_SYNTAX', '2:10', /no closing quotation/]]],
  ['ini-host-var.ini', [['INVENTORY_INI_VAR', '2:16', /novalue/]]],
  ['ini-vars-line.ini', [['INVENTORY_INI_VAR', '4:3', /justaname/]]],
  ['ini-undefined-child.ini', [['INVENTORY_UNDEFINED_GROUP', '4:1', /did you mean 'web'/]]],
  ['ini-undefined-vars.ini', [['INVENTORY_UNDEFINED_GROUP', '3:2', /\[dbs\] section/]]],
  ['ini-cycle.ini', [['INVENTORY_GROUP_CYCLE', '4:1', /cycle/]]],
  ['ini-port-colon.ini', [['INVENTORY_HOST_PATTERN', '2:1', /reserved for a port/]]],
  [
    'ini-many.ini',
    [
      ['INVENTORY_INI_SYNTAX', '2:8'],
      ['INVENTORY_HOST_PATTERN', '3:1'],
      ['INVENTORY_INI_SECTION_TYPE', '4:6'],
      ['INVENTORY_INI_VAR', '7:5', /bare/],
      ['INVENTORY_GROUP_PRIORITY', '9:1'],
    ],
  ],
  ['vars-not-map', [['INVENTORY_VARS_NOT_MAP', '1:1', /group_vars\/all.yml/]]],
  ['vars-bad-yaml', [['YAML_BAD_INDENT', '']]],
];

describe('inventory errors: codes and FILE:LINE:COL', () => {
  const dir = fixture('errors');
  for (const [file, expected] of cases) {
    it(`${file} → ${expected.map((e) => `${e[0]}${e[1] ? `@${e[1]}` : ''}`).join(', ')}`, async () => {
      const r = await loadInventory([file], { cwd: dir });
      assert.ok(!r.ok, 'loading must fail');
      assert.deepEqual(
        r.diagnostics.map((d) => d.code),
        expected.map((e) => e[0]),
      );
      expected.forEach(([, at, text], i) => {
        const d = r.diagnostics[i];
        assert.ok(d?.pos, 'every file error has a position');
        assert.ok(d.pos.file.startsWith(file), `${d.pos.file} is in ${file}`);
        if (at) assert.equal(`${d.pos.line}:${d.pos.col}`, at);
        if (text) assert.match(`${d.message} ${d.hint ?? ''}`, text);
      });
    });
  }

  it('every fixture in the directory has a case', async () => {
    const { readdir } = await import('node:fs/promises');
    assert.deepEqual((await readdir(dir)).sort(), cases.map(([f]) => f).sort());
  });
});
