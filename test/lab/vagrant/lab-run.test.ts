import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecResult } from '../../../lab/vagrant/exec-argv.js';
import type { StatusResult } from '../../../lab/vagrant/http-status.js';
import type { Argv } from '../../../lab/vagrant/lab-commands.js';
import type { LabContext } from '../../../lab/vagrant/lab-context.js';
import { KNOWN_HOSTS_FILE, readAllVars } from '../../../lab/vagrant/lab-inventory.js';
import { labLayout } from '../../../lab/vagrant/lab-layout.js';
import { runLab } from '../../../lab/vagrant/lab-run.js';
import type { RoundTripOptions, RoundTripResult } from '../../../engine/verify/mqtt-roundtrip.js';
import type { RunOptions } from '../../../lab/vagrant/run-options.js';
import { virtualbox } from './ssh-config-samples.js';
import { FLANNEL_PUBLIC_IP } from '../../../lab/vagrant/cluster-checks.js';

// The whole lab run against stand-ins: vagrant, ssh-keyscan and deckhand are
// answered from tables, MQTT and HTTP by functions. Nothing leaves the process.

const MACHINES = [['master', '192.168.56.10'], ['worker1', '192.168.56.11'], ['worker2', '192.168.56.12']] as const;
const KEY = (m: string) => `AAAAC3NzaC1lZDI1NTE5AAAAI${m}Key`;
const ok = (stdout = ''): ExecResult => ({ ok: true, exitCode: 0, stdout, stderr: '', reason: '' });
const fail = (stderr: string, stdout = ''): ExecResult => ({ ok: false, exitCode: 1, stdout, stderr, reason: 'Command failed with exit code 1' });
const stats = (changed: number, failed = 0) => ({ ok: 10, changed, unreachable: 0, failed, skipped: 0, rescued: 0, ignored: 0 });

interface World {
  exec: Record<string, (argv: Argv) => ExecResult>;
  reports: Array<Record<string, ReturnType<typeof stats>> | undefined>;
  nodeIp: (name: string, ip: string) => string;
  anonymous: RoundTripResult;
}

function healthyWorld(root: string): World {
  return {
    exec: {
      'vagrant --version': () => ok('Vagrant 2.3.4\n'),
      'vagrant up --provider=virtualbox': () => ok('==> master: Booting VM...\n'),
      'vagrant up --provider=libvirt': () => ok(),
      'vagrant status --machine-readable': () => ok(MACHINES.map(([m]) => `1,${m},provider-name,virtualbox\n1,${m},state,running`).join('\n')),
      'vagrant ssh-config': () => ok(virtualbox.replaceAll('/home/ana/deckhand', root)),
      'ssh-keyscan': () => ok(MACHINES.map(([m, ip]) => `${ip} ssh-ed25519 ${KEY(m)}`).join('\n')),
      'vagrant ssh -c cat': (argv) => ok(`ssh-ed25519 ${KEY(argv[2] ?? '')} root@${argv[2]}\n`),
      'vagrant ssh -c kubectl get nodes': () => ok(nodesJson((name, ip) => ip)),
      'vagrant ssh -c kubectl get pods': () => ok(JSON.stringify({ items: [
        { metadata: { name: 'emqx-0' }, spec: { nodeName: 'worker1' }, status: { phase: 'Running', containerStatuses: [{ name: 'emqx', ready: true }] } },
      ] })),
      'vagrant destroy -f': () => ok(),
    },
    reports: [{ master: stats(12), worker1: stats(8), worker2: stats(8) }, { master: stats(0), worker1: stats(0), worker2: stats(0) }],
    nodeIp: (_name, ip) => ip,
    anonymous: { ok: false, step: 'connect', error: 'Connection refused: Not authorized' },
  };
}

function nodesJson(ipOf: (name: string, ip: string) => string): string {
  return JSON.stringify({ items: MACHINES.map(([name, ip]) => ({
    metadata: { name, annotations: { [FLANNEL_PUBLIC_IP]: ip } },
    status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: ipOf(name, ip) }] },
  })) });
}

/** Which table entry answers an argv: vagrant ssh is keyed by the start of its command. */
function keyOf(argv: Argv): string {
  if (argv[0] === 'ssh-keyscan') return 'ssh-keyscan';
  if (argv[1] === 'ssh') return `vagrant ssh -c ${(argv[4] ?? '').split(' ').slice(0, 3).join(' ').replace(/^cat .*/, 'cat')}`;
  return argv.join(' ');
}

interface Harness {
  ctx: LabContext;
  calls: string[];
  log: string[];
  mqttLogins: Array<[string, string | undefined]>;
}

function harness(root: string, world: World): Harness {
  const calls: string[] = [];
  const log: string[] = [];
  const mqttLogins: Array<[string, string | undefined]> = [];
  let runs = 0;
  const ctx: LabContext = {
    root,
    layout: labLayout({}),
    provider: 'virtualbox',
    exec: async (argv) => {
      calls.push(argv.join(' '));
      if (argv[2] === 'run' && String(argv[1]).endsWith('deckhand.js')) {
        const report = world.reports[runs++];
        const file = join(root, argv[argv.indexOf('--report') + 1] ?? '');
        if (report) {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, JSON.stringify({ stats: report, results: [] }));
        }
        const failedHosts = Object.values(report ?? {}).some((s) => s.failed > 0);
        return report && !failedHosts ? ok() : fail('deckhand: run failed');
      }
      const answer = world.exec[keyOf(argv)];
      return answer ? answer(argv) : fail(`no stand-in for ${argv.join(' ')}`);
    },
    mqttRoundTrip: async (opts: RoundTripOptions) => {
      mqttLogins.push([opts.host, opts.username]);
      return opts.username === undefined ? world.anonymous : { ok: true, ms: 12 };
    },
    httpStatus: async (): Promise<StatusResult> => ({ ok: true, status: 200, ms: 3, body: 'emqx is running' }),
    log: (line) => log.push(line),
    timings: { settleMs: 40, pollIntervalMs: 10, probeMs: 100 },
    state: { sshConfig: [], inventoryVars: {} },
  };
  return { ctx, calls, log, mqttLogins };
}

const options = (over: Partial<RunOptions> = {}): RunOptions => ({ provider: 'virtualbox', destroy: false, skipUp: false, help: false, ...over });
const ALL_STEPS = ['preflight', 'up', 'ssh-config', 'known-hosts', 'inventory', 'converge', 'nodes', 'emqx-pods', 'mqtt', 'emqx-status', 'idempotence'];

describe('lab run (with stand-ins for the machines)', function () {
  this.timeout(10_000);
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'deckhand-lab-run-'));
    for (const file of ['bin/deckhand.js', 'dist/engine/cli/main.js']) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), '');
    }
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('runs every step in order, writes the inventory and known_hosts, and keeps the machines', async () => {
    await mkdir(join(root, 'inventory'));
    await writeFile(join(root, 'inventory/vagrant.yml'), 'all:\n  vars:\n    emqx_dashboard_password: dashboard-pw\n    emqx_mqtt_users: [{ username: me, password: pw }]\n');
    const h = harness(root, healthyWorld(root));
    const run = await runLab(options(), h.ctx);
    assert.equal(run.exitCode, 0, h.log.join('\n'));
    assert.deepEqual(run.outcomes.map((o) => `${o.name}:${o.status}`), ALL_STEPS.map((s) => `${s}:ok`));
    assert.ok(!h.calls.some((c) => c.includes('destroy')));
    assert.equal(h.calls.filter((c) => c.includes('deckhand.js run playbooks/site.yml -i inventory/vagrant.yml')).length, 2);

    const inventory = readFileSync(join(root, 'inventory/vagrant.yml'), 'utf8');
    assert.match(inventory, /ansible_host: 192\.168\.56\.11\n/);
    assert.match(inventory, /ansible_ssh_private_key_file: \.vagrant\/machines\/worker1\/virtualbox\/private_key\n/);
    assert.deepEqual(readAllVars(inventory), {
      ansible_become: true, deckhand_known_hosts_file: KNOWN_HOSTS_FILE, emqx_dashboard_password: 'dashboard-pw', emqx_mqtt_users: [{ username: 'me', password: 'pw' }],
    });
    // Per worker: the inventory's login, then an anonymous attempt that must be refused.
    assert.deepEqual(h.mqttLogins, [['192.168.56.11', 'me'], ['192.168.56.11', undefined], ['192.168.56.12', 'me'], ['192.168.56.12', undefined]]);
    assert.equal(readFileSync(join(root, KNOWN_HOSTS_FILE), 'utf8').split('\n').filter(Boolean).length, 3);
    assert.match(h.log.join('\n'), /Vagrant lab: 11 ok, 0 failed, 0 skipped/);
  });

  it('--skip-up checks the machines run instead of starting them', async () => {
    const h = harness(root, healthyWorld(root));
    const run = await runLab(options({ skipUp: true }), h.ctx);
    assert.equal(run.exitCode, 0, h.log.join('\n'));
    assert.equal(run.outcomes[1]?.name, 'status');
    assert.ok(!h.calls.some((c) => c.startsWith('vagrant up')));
  });

  it('--skip-up names a machine that is not running and stops there', async () => {
    const world = healthyWorld(root);
    world.exec['vagrant status --machine-readable'] = () => ok('1,master,state,running\n1,worker1,state,running\n1,worker2,state,poweroff\n');
    const h = harness(root, world);
    const run = await runLab(options({ skipUp: true }), h.ctx);
    assert.equal(run.exitCode, 1);
    assert.deepEqual(run.outcomes[1]?.failures.map((f) => f.node), ['worker2']);
    assert.ok(run.outcomes.slice(2).every((o) => o.status === 'skipped'));
  });

  it('names the machine vagrant up failed on, skips the rest, and still destroys with --destroy', async () => {
    const world = healthyWorld(root);
    world.exec['vagrant up --provider=virtualbox'] = () => fail('Timed out while waiting for the machine to boot.', '==> master: Machine booted and ready!\n==> worker1: Importing base box...\n    worker1: SSH address: 127.0.0.1:2200\n');
    const h = harness(root, world);
    const run = await runLab(options({ destroy: true }), h.ctx);
    assert.equal(run.exitCode, 1);
    const upOutcome = run.outcomes.find((o) => o.name === 'up');
    assert.equal(upOutcome?.failures[0]?.node, 'worker1');
    assert.match(upOutcome?.failures[0]?.message ?? '', /Timed out while waiting/);
    assert.deepEqual(run.outcomes.map((o) => o.status), ['ok', 'failed', ...Array<string>(9).fill('skipped'), 'ok']);
    assert.equal(h.calls.at(-1), 'vagrant destroy -f');
  });

  it('fails converge on the host the report shows failed', async () => {
    const world = healthyWorld(root);
    world.reports[0] = { master: stats(12), worker1: stats(8), worker2: stats(3, 1) };
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    const converge = run.outcomes.find((o) => o.name === 'converge');
    assert.equal(converge?.status, 'failed');
    assert.deepEqual(converge?.failures.map((f) => f.node), ['worker2']);
    assert.ok(run.outcomes.slice(6).every((o) => o.status === 'skipped'));
    assert.match(h.log.join('\n'), /FAIL converge .*\n {7}worker2: failed: worker2 : ok=10 changed=3 unreachable=0 failed=1/);
  });

  it('fails converge with deckhand\'s own error when it wrote no report', async () => {
    const world = healthyWorld(root);
    world.reports[0] = undefined;
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    assert.match(run.outcomes.find((o) => o.name === 'converge')?.failures[0]?.message ?? '', /deckhand wrote no report[\s\S]*deckhand: run failed/);
  });

  it('fails idempotence on the host that changed on the second run, after every check ran', async () => {
    const world = healthyWorld(root);
    world.reports[1] = { master: stats(1), worker1: stats(0), worker2: stats(0) };
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    assert.equal(run.exitCode, 1);
    assert.deepEqual(run.outcomes.filter((o) => o.status !== 'ok').map((o) => o.name), ['idempotence']);
    assert.deepEqual(run.outcomes.at(-1)?.failures.map((f) => f.node), ['master']);
  });

  it('reports the NAT pitfall on the node, and still runs the other checks', async () => {
    const world = healthyWorld(root);
    world.exec['vagrant ssh -c kubectl get nodes'] = () => ok(nodesJson((name, ip) => (name === 'worker1' ? '10.0.2.15' : ip)));
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    const nodes = run.outcomes.find((o) => o.name === 'nodes');
    assert.equal(nodes?.failures[0]?.node, 'worker1');
    assert.match(nodes?.failures[0]?.message ?? '', /InternalIP is 10\.0\.2\.15/);
    assert.deepEqual(run.outcomes.filter((o) => o.status !== 'ok').map((o) => o.name), ['nodes']);
  });

  it('fails the MQTT check on every worker that accepts anonymous clients', async () => {
    const world = healthyWorld(root);
    world.anonymous = { ok: true, ms: 5 };
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    const mqtt = run.outcomes.find((o) => o.name === 'mqtt');
    assert.deepEqual(mqtt?.failures.map((f) => f.node), ['worker1', 'worker2']);
    assert.match(mqtt?.failures[0]?.message ?? '', /192\.168\.56\.11:31883 accepts anonymous MQTT clients/);
  });

  it('fails the MQTT check with a clear reason when the inventory login is a template', async () => {
    await mkdir(join(root, 'inventory'));
    await writeFile(join(root, 'inventory/vagrant.yml'), 'all:\n  vars:\n    emqx_mqtt_users: [{ username: app, password: "{{ vault_mqtt }}" }]\n');
    const h = harness(root, healthyWorld(root));
    const run = await runLab(options(), h.ctx);
    assert.match(run.outcomes.find((o) => o.name === 'mqtt')?.failures[0]?.message ?? '', /is a template/);
    assert.deepEqual(h.mqttLogins, []);
  });

  it('refuses host keys a machine does not confirm, before writing any inventory', async () => {
    const world = healthyWorld(root);
    world.exec['vagrant ssh -c cat'] = (argv) => ok(`ssh-ed25519 ${KEY(argv[2] === 'worker2' ? 'other' : argv[2] ?? '')}\n`);
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    assert.deepEqual(run.outcomes.find((o) => o.name === 'known-hosts')?.failures.map((f) => f.node), ['worker2']);
    assert.equal(existsSync(join(root, 'inventory/vagrant.yml')), false);
    assert.equal(existsSync(join(root, KNOWN_HOSTS_FILE)), false);
  });

  it('stops at preflight when vagrant is missing', async () => {
    const world = healthyWorld(root);
    world.exec['vagrant --version'] = () => ({ ok: false, exitCode: undefined, stdout: '', stderr: '', reason: 'Command failed with ENOENT: vagrant --version' });
    const h = harness(root, world);
    const run = await runLab(options(), h.ctx);
    assert.match(run.outcomes[0]?.failures[0]?.message ?? '', /vagrant is not usable: .*ENOENT/);
    assert.deepEqual(h.calls, ['vagrant --version']);
  });
});
