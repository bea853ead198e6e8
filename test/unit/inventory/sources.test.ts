import { strict as assert } from 'node:assert';
import { loadInventory } from '../../../engine/inventory/index.js';
import { loadTree, tree } from './helpers.js';

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly specs: string[];
  readonly hosts: string[];
  readonly groups?: Record<string, string[]>;
  readonly warnings?: string[];
}

const cases: Case[] = [
  {
    name: 'comma list',
    files: {},
    specs: ['web1,web2,'],
    hosts: ['web1', 'web2'],
    groups: { ungrouped: ['web1', 'web2'] },
  },
  { name: 'one host with a trailing comma', files: {}, specs: ['localhost,'], hosts: ['localhost'] },
  { name: 'comma list with spaces, ports and a range', files: {}, specs: [' a , b:2222, c[1:2]'], hosts: ['a', 'b', 'c1', 'c2'] },
  {
    name: 'directory: every inventory file in name order, subdirectories too',
    files: {
      'inv/01-web.yml': 'web:\n  hosts:\n    web1:\n',
      'inv/02-db.ini': '[db]\ndb1\n',
      'inv/03-plain': '[cache]\ncache1\n',
      'inv/sub/04.yaml': 'all:\n  hosts:\n    sub1:\n',
    },
    specs: ['inv'],
    hosts: ['web1', 'db1', 'cache1', 'sub1'],
  },
  {
    name: 'directory: backups, retries, hidden files and vars dirs are skipped',
    files: {
      'inv/hosts.ini': '[web]\nweb1\n',
      'inv/hosts.ini~': '[web]\nbackup1\n',
      'inv/hosts.ini.bak': '[web]\nbackup2\n',
      'inv/hosts.orig': '[web]\nbackup3\n',
      'inv/site.retry': 'web9\n',
      'inv/old.pyc': 'x',
      'inv/README.md': '# notes',
      'inv/.hidden': '[web]\nhidden1\n',
      'inv/group_vars/web.yml': 'x: 1\n',
      'inv/host_vars/web1.yml': 'y: 2\n',
    },
    specs: ['inv'],
    hosts: ['web1'],
  },
  {
    name: 'directory: other extensions are skipped with a warning',
    files: { 'inv/hosts.yml': 'all:\n  hosts:\n    a:\n', 'inv/cloud.toml': '[x]\n' },
    specs: ['inv'],
    hosts: ['a'],
    warnings: ['INVENTORY_SKIPPED_FILE'],
  },
  {
    name: 'several -i merge: hosts, groups and vars from each',
    files: {
      'a.yml': 'web:\n  hosts:\n    web1:\n      x: 1\n',
      'b.ini': '[web]\nweb2\n[db]\ndb1\n[web:vars]\nz=3\n',
    },
    specs: ['a.yml', 'b.ini', 'extra1,'],
    hosts: ['web1', 'web2', 'db1', 'extra1'],
    groups: { web: ['web1', 'web2'], db: ['db1'], ungrouped: ['extra1'] },
  },
  {
    name: 'an existing file whose name has a comma is a file',
    files: { 'odd,name': 'h1\n' },
    specs: ['odd,name'],
    hosts: ['h1'],
  },
];

describe('inventory sources', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { inventory, warnings } = await loadTree(c.files, c.specs);
      assert.deepEqual([...inventory.hosts.keys()], c.hosts);
      for (const [g, hosts] of Object.entries(c.groups ?? {})) assert.deepEqual(inventory.groups.get(g)?.hosts, hosts, g);
      assert.deepEqual(
        warnings.map((w) => w.code),
        c.warnings ?? [],
      );
    });
  }

  it('later sources override earlier inline vars for the same host', async () => {
    const { inventory } = await loadTree({ 'a.ini': 'h1 x=1 y=1\n', 'b.ini': 'h1 x=2\n' }, ['a.ini', 'b.ini']);
    assert.deepEqual(inventory.hosts.get('h1')?.vars, { x: 2, y: 1 });
  });

  it('records the first file that defined a host, as inventory_file', async () => {
    const root = await tree({ 'a.ini': 'h1\n', 'b.ini': 'h1\nh2\n' });
    const r = await loadInventory(['a.ini', 'b.ini'], { cwd: root });
    assert.ok(r.ok);
    assert.equal(r.inventory.hosts.get('h1')?.file, `${root}/a.ini`);
    assert.equal(r.inventory.hosts.get('h2')?.file, `${root}/b.ini`);
    assert.deepEqual(r.inventory.sources, [`${root}/a.ini`, `${root}/b.ini`]);
  });

  const missing: [string, RegExp][] = [
    ['nosuch', /trailing comma/],
    ['hosts.yaml', /did you mean 'hosts.yml'/],
  ];
  for (const [spec, hint] of missing) {
    it(`a missing source '${spec}' is an error with a hint`, async () => {
      const root = await tree({ 'hosts.yml': 'all:\n' });
      const r = await loadInventory([spec], { cwd: root });
      assert.ok(!r.ok);
      assert.equal(r.diagnostics[0]?.code, 'INVENTORY_NOT_FOUND');
      assert.match(r.diagnostics[0]?.hint ?? '', hint);
    });
  }

  it('no sources gives an empty inventory with all and ungrouped', async () => {
    const r = await loadInventory([]);
    assert.ok(r.ok);
    assert.deepEqual([...r.inventory.groups.keys()], ['all', 'ungrouped']);
    assert.equal(r.inventory.hosts.size, 0);
  });

  it('errors from several files are all reported', async () => {
    const root = await tree({ 'a.yml': 'web:\n  hostz:\n', 'b.ini': '[web:bogus]\n' });
    const r = await loadInventory(['a.yml', 'b.ini'], { cwd: root });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.diagnostics.map((d) => d.code),
      ['INVENTORY_UNKNOWN_KEY', 'INVENTORY_INI_SECTION_TYPE'],
    );
  });

  it('warns when a name is both a group and a host', async () => {
    const { warnings } = await loadTree({ 'h.ini': '[web]\nweb\n' }, ['h.ini']);
    assert.deepEqual(
      warnings.map((w) => w.code),
      ['INVENTORY_NAME_CLASH'],
    );
  });
});
