import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { inventoryYaml } from '../../lab/inventory-file.js';

describe('lab inventory file', () => {
  const hosts = [
    { name: 'master', address: '10.213.0.2' },
    { name: 'worker1', address: '10.213.0.3' },
    { name: 'worker2', address: '10.213.0.4' },
  ];
  const text = inventoryYaml({ labName: 't', hosts, privateKeyPath: '/s/id', knownHostsPath: '/s/kh', repoUrl: 'http://10.213.0.1:8080' });
  const doc = parse(text) as { all: { vars: Record<string, string>; children: Record<string, { hosts: Record<string, Record<string, string>> }> } };

  it('puts the first host in master and the rest in workers', () => {
    assert.deepEqual(Object.keys(doc.all.children['master']?.hosts ?? {}), ['master']);
    assert.deepEqual(Object.keys(doc.all.children['workers']?.hosts ?? {}), ['worker1', 'worker2']);
  });

  it('gives every host its address, root, the key and the known_hosts file', () => {
    assert.deepEqual(doc.all.children['workers']?.hosts['worker2'], {
      ansible_host: '10.213.0.4',
      ansible_user: 'root',
      ansible_ssh_private_key_file: '/s/id',
      deckhand_known_hosts_file: '/s/kh',
    });
  });

  it('sets lab_repo_url for all hosts', () => {
    assert.equal(doc.all.vars['lab_repo_url'], 'http://10.213.0.1:8080');
  });

  it('points the roles at the lab repositories and gives EMQX credentials', () => {
    const vars = doc.all.vars as Record<string, unknown>;
    assert.equal(vars['docker_apt_url'], 'http://10.213.0.1:8080/docker');
    assert.equal(vars['kube_apt_url'], 'http://10.213.0.1:8080/k8s/core:/stable:/v{{ kube_version }}/deb/');
    assert.ok(String(vars['emqx_dashboard_password']).length >= 12);
    const users = vars['emqx_mqtt_users'] as { username: string; password: string }[];
    assert.equal(users[0]?.username, 'deckhand');
    assert.notEqual(users[0]?.password, vars['emqx_dashboard_password']);
  });

  it('writes an empty workers group for a one-host lab', () => {
    const one = parse(inventoryYaml({ labName: 't', hosts: hosts.slice(0, 1), privateKeyPath: '/k', knownHostsPath: '/h', repoUrl: 'http://x' })) as typeof doc;
    assert.deepEqual(one.all.children['workers']?.hosts, {});
  });
});
