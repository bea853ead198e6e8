// kubeadm's pre-flight checks, with the real check names (what
// --ignore-preflight-errors takes) and messages. One lab addition is marked:
// a cgroup-driver mismatch is an error here, where a real cluster would come
// up and then fall over.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { exists } from './fs-atomic.js';
import { bindAddress, hostPath } from './lab-env.js';
import { criStatus } from './containerd-config.js';
import { CRI_V2_RUNC_OPTIONS } from './containerd-default-config.js';
import { readKey } from './sysctl-keys.js';
import { activeSwaps } from './swap-state.js';
import { unitFileState } from './systemctl-files.js';

export interface Issue {
  readonly name: string;
  readonly message: string;
  readonly fatal: boolean;
}

export interface PreflightInput {
  readonly role: 'init' | 'join';
  readonly criSocket: string;
  readonly cgroupDriver: string;
  readonly controlPlaneMinor: number;
  readonly bindPort: number;
}

const MANIFESTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'];

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, bindAddress(), () => server.close(() => resolve(true)));
  });
}

function dirNotEmpty(path: string): boolean {
  try {
    return readdirSync(hostPath(path)).length > 0;
  } catch {
    return false;
  }
}

function kubeletIssue(minor: number): Issue | undefined {
  const result = spawnSync('kubelet', ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return { name: 'KubeletVersion', fatal: true, message: `couldn't get kubelet version: cannot execute 'kubelet --version': exec: "kubelet": executable file not found in $PATH` };
  }
  const kubeletMinor = Number(/v1\.(\d+)\./.exec(result.stdout)?.[1] ?? NaN);
  if (kubeletMinor > minor) {
    return { name: 'KubeletVersion', fatal: true, message: `the kubelet version is higher than the control plane version. This is not a supported version skew and may lead to a malfunctional cluster. Kubelet version: "${result.stdout.trim().replace('Kubernetes ', '')}" Control plane version: "1.${minor}"` };
  }
  return undefined;
}

export async function runChecks(input: PreflightInput): Promise<Issue[]> {
  const issues: Issue[] = [];
  const add = (name: string, message: string, fatal = true): void => void issues.push({ name, message, fatal });
  if (process.getuid && process.getuid() !== 0) add('IsPrivilegedUser', 'user is not running as root');
  if (input.role === 'init') {
    if (cpus().length < 2) add('NumCPU', `the number of available CPUs ${cpus().length} is less than the required 2`);
    const mb = Math.floor(totalmem() / 1024 / 1024);
    if (mb < 1700) add('Mem', `the system RAM (${mb} MB) is less than the minimum 1700 MB`);
  }
  const cri = criStatus(input.criSocket);
  if (!cri.ok) {
    add('CRI', `container runtime is not running: output: time="${new Date().toISOString()}" level=fatal msg="${cri.message.replace(/"/g, '\\"')}"\n, error: exit status 1`);
  } else if (input.cgroupDriver === 'systemd' && !cri.settings.systemdCgroup) {
    // Lab addition, see the file comment.
    add('CgroupDriver', `the kubelet uses the "systemd" cgroup driver but containerd's runc runtime does not: set SystemdCgroup = true in [${CRI_V2_RUNC_OPTIONS.map((s, i) => (i === 1 ? `"${s}"` : s)).join('.')}] of /etc/containerd/config.toml and restart containerd`);
  }
  const kubelet = kubeletIssue(input.controlPlaneMinor);
  if (kubelet) issues.push(kubelet);
  const service = unitFileState('kubelet.service');
  if (service !== 'enabled' && service !== 'not-found') add('Service-Kubelet', "kubelet service is not enabled, please run 'systemctl enable kubelet.service'", false);
  if (activeSwaps().length > 0) {
    add('Swap', 'swap is supported for cgroup v2 only. The kubelet must be properly configured to use swap. Please refer to https://kubernetes.io/docs/concepts/architecture/nodes/#swap-memory, or disable swap on the node', false);
  }
  for (const tool of ['mount', 'losetup', 'cp']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) add(`FileExisting-${tool}`, `${tool} not found in system path`, false);
  }
  const forward = readKey('net.ipv4.ip_forward');
  if (!forward.ok || forward.value !== '1') add('FileContent--proc-sys-net-ipv4-ip_forward', '/proc/sys/net/ipv4/ip_forward contents are not set to 1');

  const ports = input.role === 'init' ? [input.bindPort, 10259, 10257, 10250, 2379, 2380] : [10250];
  for (const port of ports) if (!(await portFree(port))) add(`Port-${port}`, `Port ${port} is in use`);
  if (input.role === 'init') {
    for (const manifest of MANIFESTS) {
      const path = `/etc/kubernetes/manifests/${manifest}.yaml`;
      if (exists(hostPath(path))) add(`FileAvailable-${path.replace(/\//g, '-')}`, `${path} already exists`);
    }
    if (dirNotEmpty('/var/lib/etcd')) add('DirAvailable--var-lib-etcd', '/var/lib/etcd is not empty');
  } else {
    for (const path of ['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/etc/kubernetes/pki/ca.crt']) {
      if (exists(hostPath(path))) add(`FileAvailable-${path.replace(/\//g, '-')}`, `${path} already exists`);
    }
  }
  return issues;
}

/** Prints warnings; returns the fatal report (undefined when none remain). */
export function judge(issues: readonly Issue[], ignored: ReadonlySet<string>, warn: (line: string) => void): string | undefined {
  const all = ignored.has('all');
  const fatal: Issue[] = [];
  for (const issue of issues) {
    if (issue.fatal && !all && !ignored.has(issue.name.toLowerCase())) fatal.push(issue);
    else warn(`\t[WARNING ${issue.name}]: ${issue.message}\n`);
  }
  if (fatal.length === 0) return undefined;
  const lines = fatal.map((i) => `\t[ERROR ${i.name}]: ${i.message}`).join('\n');
  return `error execution phase preflight: [preflight] Some fatal errors occurred:\n${lines}\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``;
}
