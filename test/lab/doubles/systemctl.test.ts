import { strict as assert } from 'node:assert';
import { makeLab, type LabHost } from './testing/lab-host.js';

const DEMO = `[Unit]
Description=Demo service
[Service]
ExecStart=/bin/sleep 300
Restart=always
[Install]
WantedBy=multi-user.target
`;

const CRASHER = `[Unit]
Description=Crashes at once
[Service]
ExecStart=/bin/false
Restart=always
RestartSec=1
`;

async function until(fn: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('lab systemctl', function () {
  this.timeout(60_000);
  let lab: Awaited<ReturnType<typeof makeLab>>;
  let host: LabHost;
  before(async () => {
    lab = await makeLab([['node', '127.0.0.6']]);
    host = lab.hosts[0] as LabHost;
    await host.write('/etc/systemd/system/demo.service', DEMO);
    await host.write('/etc/systemd/system/crasher.service', CRASHER);
  });
  after(async () => lab?.teardown());

  interface Case {
    readonly title: string;
    readonly args: readonly string[];
    readonly code: number;
    readonly out?: RegExp;
    readonly err?: RegExp;
  }
  const cases: Case[] = [
    { title: 'is-active of a stopped unit prints inactive, exit 3', args: ['is-active', 'demo'], code: 3, out: /^inactive$/ },
    { title: 'is-enabled of a disabled unit, exit 1', args: ['is-enabled', 'demo'], code: 1, out: /^disabled$/ },
    { title: 'start of an unknown unit, exit 5', args: ['start', 'nope'], code: 5, err: /Failed to start nope\.service: Unit nope\.service not found\./ },
    { title: 'status of an unknown unit, exit 4', args: ['status', 'nope'], code: 4, err: /Unit nope\.service could not be found\./ },
    { title: 'is-enabled of an unknown unit, exit 1', args: ['is-enabled', 'nope'], code: 1, err: /No such file or directory/ },
    { title: 'unknown verb', args: ['frobnicate'], code: 1, err: /Unknown command verb 'frobnicate'/ },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      const r = await host.run('systemctl', c.args);
      assert.equal(r.code, c.code, r.stdout + r.stderr);
      if (c.out) assert.match(r.stdout.trim(), c.out);
      if (c.err) assert.match(r.stderr, c.err);
    });
  }

  it('start runs ExecStart in the background; is-active, show and status agree', async () => {
    assert.equal((await host.run('systemctl', ['start', 'demo'])).code, 0);
    assert.equal((await host.run('systemctl', ['is-active', 'demo'])).stdout.trim(), 'active');
    const pid = Number((await host.run('systemctl', ['show', '-p', 'MainPID', '--value', 'demo'])).stdout.trim());
    assert.ok(pid > 0);
    process.kill(pid, 0);
    const status = await host.run('systemctl', ['status', 'demo']);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /Active: active \(running\) since \w{3} \d{4}-\d\d-\d\d/);
  });

  it('enable links the unit into its target, like systemctl', async () => {
    const r = await host.run('systemctl', ['enable', 'demo']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /Created symlink \/etc\/systemd\/system\/multi-user\.target\.wants\/demo\.service → \/etc\/systemd\/system\/demo\.service\./);
    assert.equal((await host.run('systemctl', ['is-enabled', 'demo'])).stdout.trim(), 'enabled');
  });

  it('an edited unit needs daemon-reload, with systemd\'s warning until then', async () => {
    await host.write('/etc/systemd/system/demo.service', DEMO.replace('Demo service', 'Demo service, edited'));
    const restart = await host.run('systemctl', ['restart', 'demo']);
    assert.match(restart.stderr, /changed on disk\. Run 'systemctl daemon-reload' to reload units\./);
    assert.equal((await host.run('systemctl', ['show', '-p', 'NeedDaemonReload', '--value', 'demo'])).stdout.trim(), 'yes');
    await host.run('systemctl', ['daemon-reload']);
    assert.equal((await host.run('systemctl', ['show', '-p', 'NeedDaemonReload', '--value', 'demo'])).stdout.trim(), 'no');
  });

  it('reload without ExecReload= is refused', async () => {
    const r = await host.run('systemctl', ['reload', 'demo']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Job type reload is not applicable for unit demo\.service/);
  });

  it('stop ends the process; is-active reports inactive again', async () => {
    const pid = Number((await host.run('systemctl', ['show', '-p', 'MainPID', '--value', 'demo'])).stdout.trim());
    assert.equal((await host.run('systemctl', ['stop', 'demo'])).code, 0);
    assert.equal((await host.run('systemctl', ['is-active', 'demo'])).code, 3);
    assert.throws(() => process.kill(pid, 0));
  });

  it('a crashing simple service starts "successfully" and then restarts (Restart=always)', async () => {
    assert.equal((await host.run('systemctl', ['start', 'crasher'])).code, 0);
    assert.ok(await until(async () => Number((await host.run('systemctl', ['show', '-p', 'NRestarts', '--value', 'crasher'])).stdout) >= 1));
    const active = await host.run('systemctl', ['is-active', 'crasher']);
    assert.equal(active.code, 3);
    assert.match(active.stdout, /^(activating|failed)$/m);
    await host.run('systemctl', ['stop', 'crasher']);
  });

  it('containerd.io: installed enabled and running; ExecStartPre loads overlay through the lab modprobe', async () => {
    await host.install('containerd.io');
    assert.equal((await host.run('systemctl', ['is-active', 'containerd'])).stdout.trim(), 'active');
    assert.equal((await host.run('systemctl', ['is-enabled', 'containerd'])).stdout.trim(), 'enabled');
    assert.match((await host.run('lsmod')).stdout, /^overlay /m);
  });

  it('a notify service whose daemon fails at start fails the job', async () => {
    await host.write('/etc/containerd/config.toml', 'version = 3\n');
    const r = await host.run('systemctl', ['restart', 'containerd']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Job for containerd\.service failed because the control process exited with error code\./);
    assert.match((await host.run('journalctl', ['-u', 'containerd', '-n', '5'])).stdout, /unsupported config version `3`/);
    await host.write('/etc/containerd/config.toml', '');
    assert.equal((await host.run('systemctl', ['restart', 'containerd'])).code, 0);
  });
});
