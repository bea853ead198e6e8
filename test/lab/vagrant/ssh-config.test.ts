import assert from 'node:assert/strict';
import { parseSshConfig, unquote } from '../../../lab/vagrant/ssh-config.js';
import { insecure, libvirt, spaces, virtualbox } from './ssh-config-samples.js';


describe('parseSshConfig', () => {
  const cases = [
    {
      name: 'VirtualBox: loopback with a forwarded port per machine',
      text: virtualbox,
      want: [
        { host: 'master', hostName: '127.0.0.1', user: 'vagrant', port: 2222, identityFiles: ['/home/ana/deckhand/.vagrant/machines/master/virtualbox/private_key'] },
        { host: 'worker1', hostName: '127.0.0.1', user: 'vagrant', port: 2200, identityFiles: ['/home/ana/deckhand/.vagrant/machines/worker1/virtualbox/private_key'] },
        { host: 'worker2', hostName: '127.0.0.1', user: 'vagrant', port: 2201, identityFiles: ['/home/ana/deckhand/.vagrant/machines/worker2/virtualbox/private_key'] },
      ],
    },
    {
      name: 'libvirt: management-network address, port 22, a ProxyCommand',
      text: libvirt,
      want: [
        { host: 'master', hostName: '192.168.121.87', user: 'vagrant', port: 22, identityFiles: ['/srv/lab/deckhand/.vagrant/machines/master/libvirt/private_key'] },
        { host: 'worker1', hostName: '192.168.121.143', user: 'vagrant', port: 22, identityFiles: ['/srv/lab/deckhand/.vagrant/machines/worker1/libvirt/private_key'] },
      ],
    },
    {
      name: 'a quoted IdentityFile with spaces, CRLF line ends',
      text: spaces,
      want: [
        { host: 'master', hostName: '127.0.0.1', user: 'vagrant', port: 2222, identityFiles: ['/home/ana/My Projects/deck hand/.vagrant/machines/master/virtualbox/private_key'] },
      ],
    },
    {
      name: 'Key=Value, any keyword case, several IdentityFiles in order',
      text: insecure,
      want: [
        {
          host: 'worker2', hostName: '127.0.0.1', user: 'vagrant', port: 2201,
          identityFiles: ['/home/ana/.vagrant.d/insecure_private_keys/vagrant.key.ed25519', '/home/ana/.vagrant.d/insecure_private_keys/vagrant.key.rsa'],
        },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseSshConfig(c.text);
      assert.deepEqual(parsed.issues, []);
      const got = parsed.entries.map(({ host, hostName, user, port, identityFiles }) => ({ host, hostName, user, port, identityFiles }));
      assert.deepEqual(got, c.want);
    });
  }

  it('keeps the host key settings Vagrant chose (which the inventory then replaces)', () => {
    const [master] = parseSshConfig(virtualbox).entries;
    assert.equal(master?.strictHostKeyChecking, 'no');
    assert.equal(master?.userKnownHostsFile, '/dev/null');
    assert.deepEqual(master?.options.get('hostkeyalgorithms'), ['+ssh-rsa']);
  });

  it('keeps a ProxyCommand whole', () => {
    const worker1 = parseSshConfig(libvirt).entries[1];
    assert.deepEqual(worker1?.options.get('proxycommand'), [`ssh 'kvmhost.example' -l 'ana' -i '/home/ana/.ssh/id_ed25519' nc %h %p`]);
  });

  const broken = [
    { name: 'a keyword before any Host', text: 'HostName 1.2.3.4\nHost a\n  Port 22\n', line: 1 },
    { name: 'a port that is not a number', text: 'Host a\n  Port twenty\n', line: 2 },
    { name: 'a line that is not keyword/value', text: 'Host a\n  ==> a: not created\n', line: 2 },
    { name: 'the same Host twice', text: 'Host a\n  Port 1\nHost a\n  Port 2\n', line: 0 },
  ];
  for (const c of broken) {
    it(`reports ${c.name} with its line`, () => {
      const { issues } = parseSshConfig(c.text);
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0]?.line, c.line);
    });
  }

  it('gives nothing for empty output', () => {
    assert.deepEqual(parseSshConfig(''), { entries: [], issues: [] });
  });

  const quoting = [
    ['"/a b/c"', '/a b/c'],
    ['/plain/path', '/plain/path'],
    ['"with \\"quote\\""', 'with "quote"'],
    ['"', '"'],
  ] as const;
  for (const [raw, want] of quoting) {
    it(`unquotes ${raw}`, () => assert.equal(unquote(raw), want));
  }
});
