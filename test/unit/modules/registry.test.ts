import assert from 'node:assert/strict';
import { createModuleRegistry, getModule, moduleNames } from '../../../engine/modules/registry.js';
import { hostModules } from '../../../engine/modules/host-modules.js';
import { validateArgs } from './support/harness.js';

describe('modules/registry', () => {
  const lookups: [string, string | undefined][] = [
    ['copy', 'copy'],
    ['ansible.builtin.copy', 'copy'],
    ['ansible.legacy.shell', 'shell'],
    ['service', 'systemd'],
    ['ansible.builtin.service', 'systemd'],
    ['ansible.builtin.systemd_service', 'systemd'],
    ['ansible.posix.sysctl', 'sysctl'],
    ['ansible.posix.mount', 'mount'],
    ['community.general.modprobe', 'modprobe'],
    ['kubernetes.core.k8s', 'k8s_apply'],
    ['deckhand.builtin.k8s_apply', 'k8s_apply'],
    ['ansible.builtin.debug', 'debug'],
    ['ansible.builtin.gather_facts', 'setup'],
    ['ansible.builtin.sysctl', undefined],
    ['community.general.copy', undefined],
    ['nope', undefined],
  ];
  for (const [name, want] of lookups) it(`${name} → ${want ?? 'unknown'}`, () => assert.equal(getModule(name)?.name, want));

  it('lists short names and aliases for suggestions', () => {
    const names = moduleNames();
    for (const n of ['apt', 'service', 'k8s', 'wait_for', 'set_fact']) assert.ok(names.includes(n), n);
    assert.deepEqual(names, [...names].sort());
  });

  it('refuses a name registered twice', () => {
    const [a] = hostModules;
    assert.ok(a !== undefined);
    assert.throws(() => createModuleRegistry([a, a]), /registered twice/);
  });
});

// Every schema compiles under the engine's ajv settings (strict) and accepts Ansible spellings.
const accepted: [string, Record<string, unknown>][] = [
  ['command', { cmd: 'kubeadm init', creates: '/etc/kubernetes/admin.conf' }],
  ['command', { argv: ['ls', '-l'], chdir: '/tmp' }],
  ['shell', { cmd: 'swapoff -a', executable: '/bin/bash' }],
  ['raw', { cmd: 'true' }],
  ['copy', { content: 'x', dest: '/tmp/x', mode: 0o644, backup: true }],
  ['copy', { src: 'a.conf', dest: '/etc/a.conf', mode: 'u=rw,g=r,o=r', owner: 'root', group: 'root' }],
  ['template', { src: 'config.toml.hbs', dest: '/etc/containerd/config.toml', mode: '0644' }],
  ['file', { path: '/etc/apt/keyrings', state: 'directory', mode: '0755' }],
  ['file', { dest: '/x', src: '/y', state: 'link' }],
  ['lineinfile', { dest: '/etc/hosts', regexp: '^127', line: '127.0.0.1 localhost', create: true }],
  ['blockinfile', { path: '/etc/hosts', block: 'x', marker: '# {mark} x' }],
  ['replace', { path: '/etc/fstab', regexp: '^([^#].*\\sswap\\s.*)$', replace: '# \\1' }],
  ['stat', { path: '/etc/kubernetes/kubelet.conf' }],
  ['apt', { name: ['kubelet=1.33.*', 'kubeadm=1.33.*'], update_cache: true, cache_valid_time: 3600 }],
  ['apt', { pkg: 'curl', state: 'latest', 'install-recommends': false }],
  ['dpkg_selections', { name: 'kubelet', selection: 'hold' }],
  ['deb822_repository', { name: 'kubernetes', types: 'deb', uris: 'https://pkgs.k8s.io/core:/stable:/v1.33/deb/', suites: '/', signed_by: 'https://pkgs.k8s.io/core:/stable:/v1.33/deb/Release.key' }],
  ['get_url', { url: 'https://x/y', dest: '/tmp/y', checksum: 'sha256:00', mode: '0755' }],
  ['systemd', { name: 'containerd', state: 'restarted', enabled: true, daemon_reload: true }],
  ['service', { name: 'kubelet', state: 'started', enabled: true }],
  ['sysctl', { name: 'net.ipv4.ip_forward', value: '1', sysctl_file: '/etc/sysctl.d/k8s.conf', reload: true }],
  ['sysctl', { name: 'vm.swappiness', value: 0 }],
  ['modprobe', { name: 'br_netfilter', state: 'present', persistent: 'present' }],
  ['mount', { name: 'swap', fstype: 'swap', state: 'absent' }],
  ['wait_for', { host: '10.0.0.1', port: 6443, timeout: 300, delay: 5 }],
  ['uri', { url: 'http://10.0.0.1:30083/status', status_code: [200], return_content: true }],
  ['uri', { url: 'http://x/api', method: 'POST', body: { a: 1 }, body_format: 'json', headers: { 'X-N': 1 } }],
  ['k8s', { definition: { kind: 'Namespace', metadata: { name: 'emqx' } }, namespace: 'emqx' }],
  ['k8s_apply', { template: 'emqx.yaml.hbs', kubeconfig: '/etc/kubernetes/admin.conf' }],
  ['setup', { gather_subset: ['!all', 'network'] }],
];
const rejected: [string, Record<string, unknown>][] = [
  ['copy', { content: 'x' }],
  ['file', { path: '/x', state: 'gone' }],
  ['apt', { name: 'x', upgrade_everything: true }],
  ['systemd', { name: 'x', state: 'running' }],
];

describe('modules/schemas', () => {
  for (const [name, args] of accepted) {
    it(`${name} accepts ${JSON.stringify(args).slice(0, 70)}`, () => {
      const mod = getModule(name);
      assert.ok(mod);
      validateArgs(mod, args);
    });
  }
  for (const [name, args] of rejected) {
    it(`${name} rejects ${JSON.stringify(args)}`, () => {
      const mod = getModule(name);
      assert.ok(mod);
      assert.throws(() => validateArgs(mod, args), /invalid args/);
    });
  }
  it('every host module has a schema that compiles and a free-form argument it declares', () => {
    for (const mod of hostModules) {
      // Compiling is the point: an argument error means the schema compiled.
      try {
        validateArgs(mod, {});
      } catch (e) {
        assert.match(String(e), /invalid args/);
      }
      if (mod.freeForm !== undefined) assert.ok(Object.hasOwn((mod.schema['properties'] ?? {}), mod.freeForm), mod.name);
    }
  });
});
