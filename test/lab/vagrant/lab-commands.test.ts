import assert from 'node:assert/strict';
import {
  deckhandRun, hostPublicKeys, isProvider, kubectlGetNodes, kubectlGetPods, PROVIDERS, sshKeyscan, vagrantDestroy,
  vagrantSsh, vagrantSshConfig, vagrantStatus, vagrantUp, vagrantValidate, vagrantVersion, type Argv,
} from '../../../lab/vagrant/lab-commands.js';

describe('lab commands (argv construction)', () => {
  const cases: ReadonlyArray<{ name: string; argv: Argv; want: readonly string[] }> = [
    { name: 'vagrant --version', argv: vagrantVersion(), want: ['vagrant', '--version'] },
    { name: 'validate ignores provider blocks', argv: vagrantValidate(), want: ['vagrant', 'validate', '--ignore-provider'] },
    { name: 'up under VirtualBox', argv: vagrantUp('virtualbox'), want: ['vagrant', 'up', '--provider=virtualbox'] },
    { name: 'up under libvirt', argv: vagrantUp('libvirt'), want: ['vagrant', 'up', '--provider=libvirt'] },
    { name: 'status, machine readable', argv: vagrantStatus(), want: ['vagrant', 'status', '--machine-readable'] },
    { name: 'ssh-config for every machine', argv: vagrantSshConfig(), want: ['vagrant', 'ssh-config'] },
    { name: 'ssh-config for some machines', argv: vagrantSshConfig(['worker1']), want: ['vagrant', 'ssh-config', 'worker1'] },
    { name: 'destroy without asking', argv: vagrantDestroy(), want: ['vagrant', 'destroy', '-f'] },
    {
      name: 'a command over vagrant ssh, without a terminal',
      argv: vagrantSsh('worker2', 'uname -a'),
      want: ['vagrant', 'ssh', 'worker2', '-c', 'uname -a', '--', '-T'],
    },
    {
      name: 'the host keys a machine holds',
      argv: hostPublicKeys('master'),
      want: ['vagrant', 'ssh', 'master', '-c', 'cat /etc/ssh/ssh_host_*_key.pub', '--', '-T'],
    },
    {
      name: 'kubectl get nodes on the master',
      argv: kubectlGetNodes(),
      want: ['vagrant', 'ssh', 'master', '-c', 'kubectl get nodes -o json', '--', '-T'],
    },
    {
      name: 'kubectl get pods in the EMQX namespace',
      argv: kubectlGetPods('kube-emqx'),
      want: ['vagrant', 'ssh', 'master', '-c', 'kubectl get pods -n kube-emqx -o json', '--', '-T'],
    },
    {
      name: 'ssh-keyscan on the private addresses, port 22',
      argv: sshKeyscan({ addresses: ['192.168.56.10', '192.168.56.11', '192.168.56.12'] }),
      want: ['ssh-keyscan', '-T', '5', '-p', '22', '-t', 'ed25519,ecdsa,rsa', '192.168.56.10', '192.168.56.11', '192.168.56.12'],
    },
    {
      name: 'ssh-keyscan with a port, timeout and key types',
      argv: sshKeyscan({ addresses: ['10.9.8.10'], port: 2200, timeoutSeconds: 2, types: ['ed25519'] }),
      want: ['ssh-keyscan', '-T', '2', '-p', '2200', '-t', 'ed25519', '10.9.8.10'],
    },
    {
      name: 'deckhand run with the defaults',
      argv: deckhandRun({ node: '/usr/bin/node', report: '.vagrant/r.json' }),
      want: ['/usr/bin/node', 'bin/deckhand.js', 'run', 'playbooks/site.yml', '-i', 'inventory/vagrant.yml', '--report', '.vagrant/r.json'],
    },
    {
      name: 'deckhand run with another playbook and inventory',
      argv: deckhandRun({ node: 'node', bin: 'x/deckhand.js', playbook: 'p.yml', inventory: 'i.yml', report: 'r.json' }),
      want: ['node', 'x/deckhand.js', 'run', 'p.yml', '-i', 'i.yml', '--report', 'r.json'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(c.argv, c.want));
  }

  it('refuses to scan no address at all', () => {
    assert.throws(() => sshKeyscan({ addresses: [] }), /at least one address/);
  });

  it('knows exactly the two providers', () => {
    assert.deepEqual(PROVIDERS, ['virtualbox', 'libvirt']);
    assert.equal(isProvider('libvirt'), true);
    assert.equal(isProvider('docker'), false);
  });

  it('passes a command with quotes and spaces as one argument (no shell on this side)', () => {
    const argv = vagrantSsh('master', `echo 'a b' "c"`);
    assert.equal(argv[4], `echo 'a b' "c"`);
    assert.equal(argv.length, 7);
  });
});
