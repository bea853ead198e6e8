import assert from 'node:assert/strict';
import { checkScannedKeys, knownHostsName, knownHostsText, parseKeyscan, parsePublicKeys, type KeyCheckTarget } from '../../../lab/vagrant/known-hosts.js';

const ED_MASTER = 'AAAAC3NzaC1lZDI1NTE5AAAAIMasterMasterMasterMasterMasterMasterMast';
const ED_WORKER = 'AAAAC3NzaC1lZDI1NTE5AAAAIWorkerWorkerWorkerWorkerWorkerWorkerWork';
const RSA_MASTER = 'AAAAB3NzaC1yc2EAAAADAQABAAABgQMasterRsa';
const ECDSA_MASTER = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYMaster';

// ssh-keyscan's stdout (its "# host:22 SSH-2.0-…" banners go to stderr, but
// are tolerated here too).
const scanOutput = `# 192.168.56.10:22 SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5
192.168.56.10 ssh-rsa ${RSA_MASTER}
192.168.56.10 ecdsa-sha2-nistp256 ${ECDSA_MASTER}
192.168.56.10 ssh-ed25519 ${ED_MASTER}
192.168.56.11 ssh-ed25519 ${ED_WORKER}
`;

const masterPub = `ecdsa-sha2-nistp256 ${ECDSA_MASTER} root@master
ssh-ed25519 ${ED_MASTER} root@master
ssh-rsa ${RSA_MASTER} root@master
`;

describe('known hosts for the private addresses', () => {
  it('parses ssh-keyscan output, skipping banners and blank lines', () => {
    assert.deepEqual(parseKeyscan(scanOutput).map((k) => `${k.host} ${k.type}`), [
      '192.168.56.10 ssh-rsa', '192.168.56.10 ecdsa-sha2-nistp256', '192.168.56.10 ssh-ed25519', '192.168.56.11 ssh-ed25519',
    ]);
    assert.deepEqual(parseKeyscan('garbage\n\n192.168.56.10 not-a-type AAAA\n'), []);
  });

  it('parses the public key files a machine holds, comment or not', () => {
    assert.deepEqual(parsePublicKeys(`${masterPub}ssh-ed25519 ${ED_WORKER}\r\n`).map((k) => k.type), [
      'ecdsa-sha2-nistp256', 'ssh-ed25519', 'ssh-rsa', 'ssh-ed25519',
    ]);
  });

  it('names hosts the way known_hosts does', () => {
    assert.equal(knownHostsName('192.168.56.10'), '192.168.56.10');
    assert.equal(knownHostsName('192.168.56.10', 2222), '[192.168.56.10]:2222');
  });

  const targets = (workerKeys: string): KeyCheckTarget[] => [
    { node: 'master', address: '192.168.56.10', reported: parsePublicKeys(masterPub) },
    { node: 'worker1', address: '192.168.56.11', reported: parsePublicKeys(workerKeys) },
  ];

  const cases = [
    { name: 'accepts keys each machine confirms as its own', scan: scanOutput, worker: `ssh-ed25519 ${ED_WORKER} root@worker1`, want: [] },
    {
      name: 'rejects a key the machine does not hold (another host on the address)',
      scan: scanOutput,
      worker: `ssh-ed25519 ${ED_MASTER} root@worker1`,
      want: [{ node: 'worker1', message: /ssh-ed25519 key scanned at 192\.168\.56\.11 is not one of the machine's own keys/ }],
    },
    {
      name: 'reports an address that answered with no key',
      scan: scanOutput.replace(/^192\.168\.56\.11 .*$/m, ''),
      worker: `ssh-ed25519 ${ED_WORKER}`,
      want: [{ node: 'worker1', message: /no host key from 192\.168\.56\.11/ }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = checkScannedKeys(parseKeyscan(c.scan), targets(c.worker));
      assert.equal(problems.length, c.want.length, JSON.stringify(problems));
      c.want.forEach((w, i) => {
        assert.equal(problems[i]?.node, w.node);
        assert.match(problems[i]?.message ?? '', w.message);
      });
    });
  }

  it('writes a sorted known_hosts file without duplicates', () => {
    const keys = parseKeyscan(scanOutput + scanOutput);
    const text = knownHostsText(keys);
    assert.equal(text.split('\n').filter((l) => l !== '').length, 4);
    assert.equal(text, knownHostsText([...keys].reverse()));
    assert.ok(text.endsWith('\n'));
    assert.equal(knownHostsText([]), '');
  });
});
