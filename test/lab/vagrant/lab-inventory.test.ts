import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  buildInventory, DEFAULT_LAB_VARS, inventoryToYaml, KNOWN_HOSTS_FILE, labMqttLogin, readAllVars, type LabInventory,
} from '../../../lab/vagrant/lab-inventory.js';
import { labLayout } from '../../../lab/vagrant/lab-layout.js';
import { repoRoot } from '../../../lab/vagrant/repo-root.js';
import { parseSshConfig } from '../../../lab/vagrant/ssh-config.js';
import { insecure, libvirt, spaces, virtualbox } from './ssh-config-samples.js';

const entries = (text: string) => parseSshConfig(text).entries;

function built(text: string, root: string, env: Record<string, string> = {}, previousVars?: Record<string, unknown>): LabInventory {
  const result = buildInventory({ layout: labLayout(env), sshConfig: entries(text), root, ...(previousVars ? { previousVars } : {}) });
  assert.ok(result.ok, JSON.stringify(result));
  return result.inventory;
}

function allHosts(inv: LabInventory) {
  return { ...inv.all.children.master.hosts, ...inv.all.children.workers.hosts };
}

describe('lab inventory', () => {
  it('connects to the private addresses on port 22, not to the forwarded loopback port', () => {
    const inv = built(virtualbox, '/home/ana/deckhand');
    assert.deepEqual(inv.all.children.master.hosts, {
      master: {
        ansible_host: '192.168.56.10',
        ansible_port: 22,
        ansible_user: 'vagrant',
        ansible_ssh_private_key_file: '.vagrant/machines/master/virtualbox/private_key',
        cluster_address: '192.168.56.10',
      },
    });
    assert.deepEqual(Object.keys(inv.all.children.workers.hosts), ['worker1', 'worker2']);
    assert.equal(inv.all.children.workers.hosts['worker2']?.ansible_host, '192.168.56.12');
  });

  const providers = [
    { name: 'VirtualBox', text: virtualbox, root: '/home/ana/deckhand', provider: 'virtualbox' },
    { name: 'libvirt', text: libvirt, root: '/srv/lab/deckhand', provider: 'libvirt' },
  ];
  for (const p of providers) {
    it(`${p.name}: keeps each machine's own key, relative to the repository`, () => {
      const env = p.provider === 'libvirt' ? { DECKHAND_WORKERS: '1' } : {};
      for (const [name, host] of Object.entries(allHosts(built(p.text, p.root, env)))) {
        assert.equal(host.ansible_ssh_private_key_file, `.vagrant/machines/${name}/${p.provider}/private_key`);
        assert.equal(host.ansible_port, 22);
        assert.equal(host.ansible_host, host.cluster_address);
        assert.match(host.ansible_host, /^192\.168\.56\.1\d$/);
      }
    });
  }

  it('handles a repository path with spaces', () => {
    const one = (name: string) => spaces.replaceAll('master', name);
    const inv = built(['master', 'worker1', 'worker2'].map(one).join(''), '/home/ana/My Projects/deck hand');
    for (const [name, host] of Object.entries(allHosts(inv))) {
      assert.equal(host.ansible_ssh_private_key_file, `.vagrant/machines/${name}/virtualbox/private_key`);
    }
    assert.match(inventoryToYaml(inv), /ansible_ssh_private_key_file: \.vagrant\/machines\/worker2\/virtualbox\/private_key\n/);
  });

  it('keeps a key outside the repository as an absolute path', () => {
    const three = ['master', 'worker1', 'worker2'].map((n) => insecure.replace('Host worker2', `Host ${n}`)).join('\n');
    const inv = built(three, '/home/ana/deckhand');
    assert.equal(inv.all.children.master.hosts['master']?.ansible_ssh_private_key_file, '/home/ana/.vagrant.d/insecure_private_keys/vagrant.key.ed25519');
  });

  it('names every machine missing from ssh-config', () => {
    const result = buildInventory({ layout: labLayout({}), sshConfig: entries(insecure), root: '/x' });
    assert.ok(!result.ok);
    assert.deepEqual(result.problems.map((p) => p.node), ['master', 'worker1']);
  });

  it('names a machine whose entry has no key', () => {
    const noKey = virtualbox.replace(/^ {2}IdentityFile .*worker1.*$/m, '');
    const result = buildInventory({ layout: labLayout({}), sshConfig: entries(noKey), root: '/home/ana/deckhand' });
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, [{ node: 'worker1', message: 'vagrant ssh-config lists no IdentityFile' }]);
  });

  it('follows DECKHAND_NET_PREFIX and DECKHAND_WORKERS', () => {
    const four = virtualbox + virtualbox.split('\n\nHost worker1')[0]?.replace('Host master', 'Host worker3');
    const inv = built(four, '/home/ana/deckhand', { DECKHAND_NET_PREFIX: '10.20.30', DECKHAND_WORKERS: '3' });
    assert.deepEqual(
      Object.values(allHosts(inv)).map((h) => h.cluster_address),
      ['10.20.30.10', '10.20.30.11', '10.20.30.12', '10.20.30.13'],
    );
  });

  it('sets become and the known_hosts file, and keeps the other vars of the previous inventory', () => {
    const previous = { ansible_become: false, deckhand_known_hosts_file: '/dev/null', emqx_dashboard_password: 'mine', kubernetes_version: '1.33' };
    const inv = built(virtualbox, '/home/ana/deckhand', {}, previous);
    assert.deepEqual(inv.all.vars, {
      ansible_become: true,
      deckhand_known_hosts_file: KNOWN_HOSTS_FILE,
      emqx_dashboard_password: 'mine',
      kubernetes_version: '1.33',
    });
  });

  it('starts from the lab defaults when there is no previous inventory', () => {
    const inv = built(virtualbox, '/home/ana/deckhand');
    assert.deepEqual(inv.all.vars, { ansible_become: true, deckhand_known_hosts_file: KNOWN_HOSTS_FILE, ...DEFAULT_LAB_VARS });
  });

  it('survives a YAML round trip unchanged', () => {
    for (const p of providers) {
      const inv = built(p.text, p.root, p.provider === 'libvirt' ? { DECKHAND_WORKERS: '1' } : {});
      assert.deepEqual(YAML.parse(inventoryToYaml(inv)), inv);
    }
  });

  it('is what is checked in as inventory/vagrant.yml for the VirtualBox defaults', () => {
    const checkedIn = readFileSync(join(repoRoot, 'inventory/vagrant.yml'), 'utf8');
    const fresh = inventoryToYaml(built(virtualbox, '/home/ana/deckhand'));
    assert.equal(fresh, checkedIn);
    const regenerated = inventoryToYaml(built(virtualbox, '/home/ana/deckhand', {}, readAllVars(checkedIn)));
    assert.equal(regenerated, checkedIn, 'regenerating over the checked-in file must not change it');
  });

  it('reads all.vars only from an inventory that parses', () => {
    assert.deepEqual(readAllVars('all:\n  vars:\n    a: 1\n'), { a: 1 });
    assert.equal(readAllVars('all: [1, 2]\n'), undefined);
    assert.equal(readAllVars('all:\n  hosts: {}\n'), undefined);
    assert.equal(readAllVars('a: [unclosed\n'), undefined);
    assert.equal(readAllVars(''), undefined);
  });

  const logins = [
    { name: 'the first of emqx_mqtt_users', vars: { emqx_mqtt_users: [{ username: 'u', password: 'p' }, { username: 'v', password: 'q' }] }, want: { kind: 'user', username: 'u', password: 'p' } },
    { name: 'anonymous without users', vars: { emqx_mqtt_users: [] }, want: { kind: 'anonymous' } },
    { name: 'anonymous without the variable', vars: undefined, want: { kind: 'anonymous' } },
    { name: 'unusable without a password', vars: { emqx_mqtt_users: [{ username: 'u' }] }, want: { kind: 'unusable' } },
    { name: 'unusable when templated', vars: { emqx_mqtt_users: [{ username: 'app', password: '{{ vault_mqtt }}' }] }, want: { kind: 'unusable' } },
  ] as const;
  for (const c of logins) {
    it(`logs in to MQTT as ${c.name}`, () => {
      const login = labMqttLogin(c.vars);
      assert.equal(login.kind, c.want.kind);
      if (c.want.kind === 'user') assert.deepEqual(login, c.want);
    });
  }

  it('gives the lab a login the emqx-deploy role accepts', () => {
    const vars = built(virtualbox, '/home/ana/deckhand').all.vars;
    const password = vars['emqx_dashboard_password'];
    assert.ok(typeof password === 'string' && password.length >= 8 && password !== 'public');
    assert.equal(labMqttLogin(vars).kind, 'user');
  });
});
