import { strict as assert } from 'node:assert';
import { makeLab, type LabHost } from './testing/lab-host.js';

// The layer's stand-ins for what a network namespace cannot do, run as a
// role would run them on a freshly booted host.
describe('lab node tools: modprobe, lsmod, sysctl, swap', function () {
  this.timeout(60_000);
  let lab: Awaited<ReturnType<typeof makeLab>>;
  let host: LabHost;
  before(async () => {
    lab = await makeLab([['node', '127.0.0.5']]);
    host = lab.hosts[0] as LabHost;
  });
  after(async () => lab?.teardown());

  interface Step {
    readonly title: string;
    readonly cmd: string;
    readonly args: readonly string[];
    readonly code: number;
    readonly out?: RegExp;
    readonly err?: RegExp;
    readonly notOut?: RegExp;
  }
  // Order matters: each step sees the state the previous ones left.
  const steps: Step[] = [
    { title: 'a fresh host has swap on (/swap.img from fstab)', cmd: 'swapon', args: ['--noheadings', '--show'], code: 0, out: /^\/swap\.img\s+file/ },
    { title: 'br_netfilter is not loaded at boot', cmd: 'lsmod', args: [], code: 0, notOut: /br_netfilter/ },
    { title: 'bridge sysctls do not exist without br_netfilter', cmd: 'sysctl', args: ['net.bridge.bridge-nf-call-iptables'], code: 1, err: /cannot stat \/proc\/sys\/net\/bridge\/bridge-nf-call-iptables: No such file or directory/ },
    { title: 'ip_forward starts at 0 in a new network namespace', cmd: 'sysctl', args: ['-n', 'net.ipv4.ip_forward'], code: 0, out: /^0$/m },
    { title: 'an unknown module fails like modprobe', cmd: 'modprobe', args: ['no_such_module'], code: 1, err: /modprobe: FATAL: Module no_such_module not found in directory \/lib\/modules\// },
    { title: 'modprobe loads a module with its dependencies', cmd: 'modprobe', args: ['br_netfilter'], code: 0 },
    { title: 'lsmod lists it, used-by counts included', cmd: 'lsmod', args: [], code: 0, out: /^bridge\s+\d+\s+1 br_netfilter$/m },
    { title: 'bridge sysctls exist once br_netfilter is loaded', cmd: 'sysctl', args: ['net.bridge.bridge-nf-call-iptables'], code: 0, out: /^net\.bridge\.bridge-nf-call-iptables = 1$/m },
    { title: 'a module in use cannot be removed', cmd: 'modprobe', args: ['-r', 'bridge'], code: 1, err: /Module bridge is in use/ },
    { title: 'sysctl -w sets ip_forward', cmd: 'sysctl', args: ['-w', 'net.ipv4.ip_forward=1'], code: 0, out: /^net\.ipv4\.ip_forward = 1$/m },
    { title: 'swapoff -a turns swap off', cmd: 'swapoff', args: ['-a'], code: 0 },
    { title: 'swapon --show then prints nothing', cmd: 'swapon', args: ['--show'], code: 0, out: /^$/ },
    { title: 'swapoff of an inactive area fails', cmd: 'swapoff', args: ['/swap.img'], code: 4, err: /swapoff failed: Invalid argument/ },
    { title: 'swapon -a brings back what fstab still lists', cmd: 'swapon', args: ['-a'], code: 0 },
    { title: 'so swap is on again (fstab must be edited too)', cmd: 'swapon', args: ['-s'], code: 0, out: /\/swap\.img/ },
  ];
  for (const step of steps) {
    it(step.title, async () => {
      const r = await host.run(step.cmd, step.args);
      assert.equal(r.code, step.code, `${step.cmd} ${step.args.join(' ')}: ${r.stdout}${r.stderr}`);
      if (step.out) assert.match(r.stdout.trim(), step.out);
      if (step.notOut) assert.doesNotMatch(r.stdout, step.notOut);
      if (step.err) assert.match(r.stderr, step.err);
    });
  }

  it('sysctl --system applies /etc/sysctl.d files, global keys as lab state only', async () => {
    await host.write('/etc/sysctl.d/k8s.conf', 'net.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\nvm.swappiness = 0\n');
    const r = await host.run('sysctl', ['--system']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\* Applying \/etc\/sysctl\.d\/k8s\.conf \.\.\./);
    assert.equal((await host.run('sysctl', ['-n', 'vm.swappiness'])).stdout.trim(), '0');
    assert.equal((await host.read('/var/lib/deckhand-lab/sysctl/vm.swappiness')).trim(), '0');
  });
});
