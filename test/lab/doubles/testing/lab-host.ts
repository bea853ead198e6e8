// A modelled host for tests: a temporary root with the tooling layer and the
// stand-in packages unpacked into it (postinst run, as dpkg would), and the
// environment that points every double at that root, its name and address.
// Several hosts share one cluster directory, as lab hosts do.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { buildDebs, buildLabLayer } from '../../../../lab/packages/build.js';
import type { BuiltDeb } from '../../../../lab/packages/deb-builder.js';

const exec = promisify(execFile);
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let debs: Promise<BuiltDeb[]> | undefined;

/** The stand-in packages, built once per test process. */
export function labDebs(): Promise<BuiltDeb[]> {
  debs ??= mkdtemp(join(tmpdir(), 'dh-test-debs-')).then((dir) => {
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return buildDebs(dir);
  });
  return debs;
}

export class LabHost {
  private constructor(
    readonly name: string,
    readonly ip: string,
    readonly root: string,
    readonly env: Readonly<Record<string, string>>,
  ) {}

  static async create(base: string, name: string, ip: string, clusterDir: string, extraEnv: Record<string, string> = {}): Promise<LabHost> {
    const root = join(base, name);
    await mkdir(root, { recursive: true });
    await buildLabLayer(root);
    await mkdir(join(root, 'proc/sys/net/ipv4'), { recursive: true });
    await writeFile(join(root, 'proc/sys/net/ipv4/ip_forward'), '0\n');
    await mkdir(join(root, 'root'), { recursive: true });
    const env = {
      DECKHAND_LAB_ROOT: root,
      DECKHAND_LAB_CLUSTER: clusterDir,
      DECKHAND_LAB_HOSTNAME: name,
      DECKHAND_LAB_NODE_IP: ip,
      DECKHAND_LAB_BIND_ADDRESS: ip,
      DECKHAND_LAB_KUBELET_INTERVAL_MS: '200',
      DECKHAND_LAB_KUBELET_TIMEOUT: '20',
      HOME: join(root, 'root'),
      PATH: [...SYSTEM_PATH.map((d) => join(root, d)), ...SYSTEM_PATH].join(':'),
      ...extraEnv,
    };
    return new LabHost(name, ip, root, env);
  }

  path(path: string): string {
    return join(this.root, path);
  }

  async run(command: string, args: readonly string[] = [], input?: string): Promise<RunResult> {
    const result = await execa(command, args, { env: this.env, extendEnv: false, reject: false, ...(input !== undefined ? { input } : { stdin: 'ignore' }), timeout: 120_000 });
    return { code: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  /** Unpacks packages (by name, newest version unless name=version) and runs their postinst. */
  async install(...names: string[]): Promise<void> {
    const all = await labDebs();
    for (const wanted of names) {
      const [name, version] = wanted.split('=');
      const candidates = all.filter((d) => d.spec.name === name && (version === undefined || d.spec.version === version));
      const deb = candidates.sort((a, b) => a.spec.version.localeCompare(b.spec.version)).pop();
      if (!deb) throw new Error(`no stand-in package ${wanted}`);
      await exec('dpkg-deb', ['-x', deb.file, this.root]);
      const control = await mkdtemp(join(tmpdir(), 'dh-ctl-'));
      await exec('dpkg-deb', ['-e', deb.file, control]);
      const scripts = await readdir(control);
      if (scripts.includes('postinst')) await this.run('sh', [join(control, 'postinst'), 'configure']);
      await rm(control, { recursive: true, force: true });
    }
  }

  async write(path: string, content: string): Promise<void> {
    await mkdir(dirname(this.path(path)), { recursive: true });
    await writeFile(this.path(path), content);
  }

  read(path: string): Promise<string> {
    return readFile(this.path(path), 'utf8');
  }

  /** What a container-runtime role does before kubeadm: swap, modules, sysctl, containerd config. */
  async prepareNode(): Promise<void> {
    await this.run('swapoff', ['-a']);
    await this.run('modprobe', ['-a', 'overlay', 'br_netfilter']);
    await this.run('sysctl', ['-w', 'net.ipv4.ip_forward=1']);
    const config = await this.run('containerd', ['config', 'default']);
    await this.write('/etc/containerd/config.toml', config.stdout.replace('SystemdCgroup = false', 'SystemdCgroup = true'));
    await this.run('systemctl', ['restart', 'containerd']);
  }

  /** Stops every unit still running and removes the root. */
  async teardown(): Promise<void> {
    const dir = this.path('/var/lib/deckhand-lab/systemd');
    const units = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.service.json')).map((f) => f.replace(/\.json$/, ''));
    if (units.length > 0) await this.run('systemctl', ['stop', ...units]);
    for (const unit of units) {
      const state = JSON.parse(await readFile(join(dir, `${unit}.json`), 'utf8').catch(() => '{}')) as { supervisorPid?: number };
      if (state.supervisorPid) {
        try {
          process.kill(state.supervisorPid, 'SIGKILL');
        } catch {
          // Already stopped.
        }
      }
    }
    await rm(this.root, { recursive: true, force: true });
  }
}

/** A set of hosts sharing one cluster directory under a fresh temp base. */
export async function makeLab(hosts: ReadonlyArray<readonly [string, string]>, env: Record<string, string> = {}): Promise<{ base: string; cluster: string; hosts: LabHost[]; teardown: () => Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'dhl-'));
  const cluster = join(base, 'cluster');
  await mkdir(cluster, { recursive: true });
  let made: LabHost[];
  try {
    made = await Promise.all(hosts.map(([name, ip]) => LabHost.create(base, name, ip, cluster, env)));
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
  return {
    base,
    cluster,
    hosts: made,
    teardown: async () => {
      await Promise.all(made.map((h) => h.teardown()));
      await rm(base, { recursive: true, force: true });
    },
  };
}
