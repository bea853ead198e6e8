import assert from 'node:assert/strict';
import { distribution, netmaskOf, parseDefaultRoute, parseInterfaces, parseMeminfo, parseOsRelease } from '../../../engine/modules/support/facts-parse.js';
import { parseFacts, setup } from '../../../engine/modules/setup.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask } from './support/harness.js';

const UBUNTU = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
UBUNTU_CODENAME=noble`;

const LINK = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: enp0s3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether 08:00:27:aa:bb:cc brd ff:ff:ff:ff:ff:ff
3: enp0s8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether 08:00:27:dd:ee:ff brd ff:ff:ff:ff:ff:ff
4: cni0@if3: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN mode DEFAULT group default\\    link/ether 0a:58:0a:f4:00:01 brd ff:ff:ff:ff:ff:ff`;
const ADDR = `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
2: enp0s3    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic enp0s3\\       valid_lft 86000sec preferred_lft 86000sec
3: enp0s8    inet 192.168.56.10/24 brd 192.168.56.255 scope global enp0s8\\       valid_lft forever preferred_lft forever
3: enp0s8    inet 192.168.56.11/24 scope global secondary enp0s8\\       valid_lft forever preferred_lft forever`;
const ROUTE = 'default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100';

const OUT = [
  '@@hostname', 'master', '@@fqdn', 'master.lab.local', '@@uname', 'master', 'x86_64', '6.8.0-45-generic', 'Linux',
  '@@os-release', UBUNTU, '@@debian-version', 'trixie/sid', '@@link', LINK, '@@addr', ADDR, '@@route', ROUTE,
  '@@meminfo', 'MemTotal:        4015080 kB', 'MemFree:          123456 kB', 'SwapTotal:              0 kB',
  '@@nproc', '2', '@@user', 'root', '0', '0', '@@service-mgr', 'systemd',
].join('\n');

describe('modules/setup', () => {
  it('reads os-release', () => assert.equal(parseOsRelease(UBUNTU)['VERSION_CODENAME'], 'noble'));

  const dists: [string, string, Record<string, string>][] = [
    [UBUNTU, 'trixie/sid', { distribution: 'Ubuntu', distribution_version: '24.04', distribution_major_version: '24', distribution_release: 'noble', os_family: 'Debian' }],
    ['ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nNAME="Debian GNU/Linux"', '12.7', { distribution: 'Debian', distribution_version: '12.7', distribution_major_version: '12', distribution_release: 'bookworm', os_family: 'Debian' }],
    ['ID=rocky\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"', '', { distribution: 'Rocky', distribution_version: '9.4', distribution_major_version: '9', distribution_release: '', os_family: 'RedHat' }],
  ];
  for (const [text, deb, want] of dists) it(`distribution of ${want['distribution']}`, () => assert.deepEqual(distribution(parseOsRelease(text), deb), want));

  const masks: [number, string][] = [[0, '0.0.0.0'], [8, '255.0.0.0'], [24, '255.255.255.0'], [20, '255.255.240.0'], [32, '255.255.255.255']];
  for (const [p, m] of masks) it(`netmask /${p}`, () => assert.equal(netmaskOf(p), m));

  it('reads interfaces, secondaries and the default route', () => {
    const ifaces = parseInterfaces(LINK, ADDR);
    assert.deepEqual([...ifaces.keys()], ['lo', 'enp0s3', 'enp0s8', 'cni0']);
    assert.deepEqual(ifaces.get('enp0s8')?.ipv4, { address: '192.168.56.10', prefix: '24', netmask: '255.255.255.0', network: '192.168.56.0', broadcast: '192.168.56.255' });
    assert.equal(ifaces.get('enp0s8')?.ipv4_secondaries?.[0]?.address, '192.168.56.11');
    assert.equal(ifaces.get('cni0')?.active, false);
    assert.deepEqual(parseDefaultRoute(ROUTE), { gateway: '10.0.2.2', interface: 'enp0s3' });
    assert.deepEqual(parseMeminfo('MemTotal:        4015080 kB\n'), { memtotal_mb: 3920 });
  });

  it('produces Ansible-named facts', () => {
    const f = parseFacts(OUT);
    assert.equal(f['hostname'], 'master');
    assert.equal(f['fqdn'], 'master.lab.local');
    assert.equal(f['domain'], 'lab.local');
    assert.equal(f['architecture'], 'x86_64');
    assert.equal(f['memtotal_mb'], 3920);
    assert.equal(f['processor_vcpus'], 2);
    assert.deepEqual(f['all_ipv4_addresses'], ['10.0.2.15', '192.168.56.10', '192.168.56.11']);
    assert.deepEqual(f['default_ipv4'], { interface: 'enp0s3', gateway: '10.0.2.2', address: '10.0.2.15', prefix: '24', netmask: '255.255.255.0', network: '10.0.2.0', broadcast: '10.0.2.255', macaddress: '08:00:27:aa:bb:cc', mtu: 1500, type: 'ether', alias: 'enp0s3' });
    assert.equal((f['enp0s8'] as { ipv4: { address: string } }).ipv4.address, '192.168.56.10');
    assert.equal(f['service_mgr'], 'systemd');
  });

  it('gathers this machine in one round trip, prefixed and in ansible_facts', async () => {
    const conn = localConnection();
    const r = await runTask(setup, {}, makeCtx(conn, { check: true }));
    assert.equal(r.result.changed, false);
    assert.equal(conn.calls.length, 1);
    const facts = r.result.data?.['ansible_facts'] as Record<string, unknown>;
    assert.equal(typeof facts['ansible_hostname'], 'string');
    assert.ok(Array.isArray(facts['ansible_interfaces']));
    assert.equal((facts['ansible_facts'] as Record<string, unknown>)['hostname'], facts['ansible_hostname']);
  });

  it('filter keeps matching facts only', async () => {
    const r = await runTask(setup, { filter: 'ansible_distribution*' }, makeCtx(localConnection()));
    const facts = r.result.data?.['ansible_facts'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(facts).filter((k) => k !== 'ansible_facts').sort(), ['ansible_distribution', 'ansible_distribution_major_version', 'ansible_distribution_release', 'ansible_distribution_version']);
  });
});
