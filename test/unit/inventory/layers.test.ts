import { strict as assert } from 'node:assert';
import {
  addPlaybookVars,
  getHost,
  groupNames,
  groupsMap,
  hostVarLayers,
  inventoryMagicVars,
  selectHosts,
  type Inventory,
} from '../../../engine/inventory/index.js';
import type { Diagnostic } from '../../../engine/errors/diagnostic.js';
import { fixture, loadTree, mustLoad } from './helpers.js';

const ROOT = fixture('layered');

/** Final value after applying layers lowest first (top-level keys replace, as Ansible does). */
function flatten(inv: Inventory, host: string): Record<string, unknown> {
  return Object.assign({}, ...hostVarLayers(inv, host).map((l) => l.vars)) as Record<string, unknown>;
}

describe('inventory layers: group_vars/, host_vars/ and precedence', () => {
  let inv: Inventory;
  let withPlaybook: Inventory;
  let warnings: Diagnostic[];
  before(async () => {
    const loaded = await mustLoad(['inventory/hosts.yml'], { cwd: ROOT });
    inv = loaded.inventory;
    warnings = loaded.warnings;
    withPlaybook = (await mustLoad(['inventory/hosts.yml'], { cwd: ROOT, playbookDir: 'playbook' })).inventory;
  });

  it('orders a host\'s groups by depth, then ansible_group_priority, then name', () => {
    assert.deepEqual(inv.hosts.get('web1')?.groups, ['all', 'zeta', 'alpha', 'prod', 'web']);
    assert.deepEqual(inv.hosts.get('web2')?.groups, ['all', 'prod', 'web']);
    assert.deepEqual(
      [...inv.groups.values()].map((g) => [g.name, g.depth]),
      [['all', 0], ['ungrouped', 1], ['prod', 1], ['web', 2], ['zeta', 1], ['alpha', 1]],
    );
  });

  const layerCases: { host: string; playbook: boolean; sources: string[]; level: unknown }[] = [
    {
      host: 'web1',
      playbook: false,
      sources: [
        "inventory/hosts.yml: group 'all'",
        "inventory/hosts.yml: group 'zeta'",
        "inventory/hosts.yml: group 'alpha'",
        "inventory/hosts.yml: group 'prod'",
        "inventory/hosts.yml: group 'web'",
        'inventory/group_vars/all.yml',
        'inventory/group_vars/alpha',
        'inventory/group_vars/prod/10-base.yml',
        'inventory/group_vars/prod/20-override.yaml',
        'inventory/group_vars/prod/sub/30.json',
        'inventory/group_vars/web.yml',
        "inventory/hosts.yml: host 'web1'",
        'inventory/host_vars/web1',
      ],
      level: 'inventory host_vars/web1',
    },
    {
      host: 'web1',
      playbook: true,
      sources: [
        "inventory/hosts.yml: group 'all'",
        "inventory/hosts.yml: group 'zeta'",
        "inventory/hosts.yml: group 'alpha'",
        "inventory/hosts.yml: group 'prod'",
        "inventory/hosts.yml: group 'web'",
        'inventory/group_vars/all.yml',
        'playbook/group_vars/all.yml',
        'inventory/group_vars/alpha',
        'inventory/group_vars/prod/10-base.yml',
        'inventory/group_vars/prod/20-override.yaml',
        'inventory/group_vars/prod/sub/30.json',
        'inventory/group_vars/web.yml',
        'playbook/group_vars/web.yml',
        "inventory/hosts.yml: host 'web1'",
        'inventory/host_vars/web1',
        'playbook/host_vars/web1.yml',
      ],
      level: 'playbook host_vars/web1',
    },
    {
      host: 'web2',
      playbook: true,
      sources: [
        "inventory/hosts.yml: group 'all'",
        "inventory/hosts.yml: group 'prod'",
        "inventory/hosts.yml: group 'web'",
        'inventory/group_vars/all.yml',
        'playbook/group_vars/all.yml',
        'inventory/group_vars/prod/10-base.yml',
        'inventory/group_vars/prod/20-override.yaml',
        'inventory/group_vars/prod/sub/30.json',
        'inventory/group_vars/web.yml',
        'playbook/group_vars/web.yml',
      ],
      level: 'playbook group_vars/web',
    },
    {
      host: 'localhost',
      playbook: true,
      sources: [
        "inventory/hosts.yml: group 'all'",
        'inventory/group_vars/all.yml',
        'playbook/group_vars/all.yml',
        'implicit localhost',
        'inventory/host_vars/localhost.yml',
      ],
      level: 'playbook group_vars/all',
    },
  ];
  for (const c of layerCases) {
    it(`layers of ${c.host}${c.playbook ? ' with playbook vars' : ''}, lowest first`, () => {
      const i = c.playbook ? withPlaybook : inv;
      assert.deepEqual(
        hostVarLayers(i, c.host).map((l) => l.source),
        c.sources,
      );
      assert.equal(flatten(i, c.host)['level'], c.level);
    });
  }

  it('merges a group_vars directory in sorted order and skips hidden files and backups', () => {
    assert.deepEqual(inv.groups.get('prod')?.vars, { level: 'inventory group_vars/prod/10', a: 1, b: 2, c: 3 });
  });

  it('host vars are inline then host_vars/; group vars inline then group_vars/', () => {
    assert.deepEqual(inv.hosts.get('web1')?.vars, { level: 'inventory host_vars/web1' });
    assert.deepEqual(inv.groups.get('all')?.vars, { level: 'inventory group_vars/all', from_all: 'group_vars' });
    assert.equal(flatten(inv, 'web2')['from_all'], 'group_vars');
  });

  it('an empty vars file sets nothing', () => {
    assert.deepEqual(inv.groups.get('zeta')?.vars, { level: 'inventory zeta', ansible_group_priority: 0 });
  });

  it('warns about unknown names and shadowed files, but not about localhost', () => {
    const seen = warnings.map((w) => `${w.code} ${w.hint ?? ''}`.trim());
    assert.deepEqual(seen.sort(), [
      'INVENTORY_UNKNOWN_GROUP did you mean \'web\'?',
      'INVENTORY_UNKNOWN_HOST',
      'INVENTORY_VARS_SHADOWED keep one file or directory per name',
    ]);
  });

  it('the implicit localhost: connection local, host_vars/localhost, in no group', () => {
    const h = getHost(withPlaybook, 'localhost');
    assert.ok(h?.implicit);
    assert.deepEqual(h.vars, { ansible_connection: 'local', local_only: true });
    assert.equal(flatten(withPlaybook, 'localhost')['ansible_connection'], 'local');
    assert.deepEqual(groupsMap(withPlaybook)['all'], ['web1', 'web2']);
    const all = selectHosts(withPlaybook, 'all');
    assert.ok(all.ok && !all.hosts.includes('localhost'));
    assert.equal(getHost(withPlaybook, 'nosuch'), undefined);
    assert.deepEqual(hostVarLayers(withPlaybook, 'nosuch'), []);
  });

  it('adding the inventory directory itself as playbook dir adds nothing', async () => {
    const again = await addPlaybookVars(inv, 'inventory', { cwd: ROOT });
    assert.ok(again.ok);
    assert.equal(again.inventory, inv);
  });

  it('groups and group_names magic variables', () => {
    assert.deepEqual(groupsMap(inv), {
      all: ['web1', 'web2'],
      ungrouped: [],
      prod: ['web1', 'web2'],
      web: ['web1', 'web2'],
      zeta: ['web1'],
      alpha: ['web1'],
    });
    assert.deepEqual(groupNames(inv, 'web1'), ['alpha', 'prod', 'web', 'zeta']);
    const magic = inventoryMagicVars(inv, 'web1');
    assert.equal(magic['inventory_hostname'], 'web1');
    assert.equal(magic['inventory_file'], fixture('layered', 'inventory', 'hosts.yml'));
    assert.equal(magic['inventory_dir'], fixture('layered', 'inventory'));
  });
});

describe('inventory layers: localhost defined in the inventory', () => {
  const cases: { files: Record<string, string>; name: string; resolves: string; implicit: boolean }[] = [
    { files: { 'h.ini': 'localhost ansible_connection=local\n' }, name: 'localhost', resolves: 'localhost', implicit: false },
    { files: { 'h.ini': 'localhost\n' }, name: '127.0.0.1', resolves: 'localhost', implicit: false },
    { files: { 'h.ini': 'web1\n' }, name: '127.0.0.1', resolves: '127.0.0.1', implicit: true },
  ];
  for (const c of cases) {
    it(`${c.name} with ${JSON.stringify(c.files['h.ini'])} → ${c.resolves}`, async () => {
      const { inventory } = await loadTree(c.files, ['h.ini']);
      const h = getHost(inventory, c.name);
      assert.equal(h?.name, c.resolves);
      assert.equal(h?.implicit, c.implicit);
      const sel = selectHosts(inventory, c.name);
      assert.ok(sel.ok);
      assert.deepEqual(sel.hosts, [c.resolves]);
    });
  }

  it('an explicit localhost without a connection keeps the default connection, as in Ansible', async () => {
    const { inventory } = await loadTree({}, ['localhost,']);
    assert.deepEqual(inventory.hosts.get('localhost')?.vars, {});
  });
});
