// The lab's shape (machine names, groups, private addresses, sizes), computed
// from the same DECKHAND_* variables the Vagrantfile reads. The Vagrantfile is
// Ruby and cannot be imported, so lab-layout.test.ts evaluates it with a stub
// Vagrant and checks that both agree.

export type LabGroup = 'master' | 'workers';

export interface LabHost {
  readonly name: string;
  readonly group: LabGroup;
  /** Address on the private (cluster) network, never the NAT one. */
  readonly address: string;
  readonly memoryMiB: number;
  readonly cpus: number;
}

export interface LabLayout {
  readonly box: string;
  readonly netPrefix: string;
  readonly hosts: readonly LabHost[];
}

export const LAB_DEFAULTS = {
  box: 'bento/ubuntu-24.04',
  netPrefix: '192.168.56',
  masterMemoryMiB: 4096,
  workerMemoryMiB: 2048,
  cpus: 2,
  workers: 2,
} as const;

/** Highest worker count: worker addresses run from .11 up and stay below .100. */
export const MAX_WORKERS = 89;

export type LabEnv = Readonly<Record<string, string | undefined>>;

export class LabLayoutError extends Error {
  override readonly name = 'LabLayoutError';
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

function intVar(env: LabEnv, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new LabLayoutError(variable, `expected a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new LabLayoutError(variable, `expected ${min}..${max}, got ${value}`);
  return value;
}

function netPrefixVar(env: LabEnv): string {
  const raw = env['DECKHAND_NET_PREFIX']?.trim();
  if (raw === undefined || raw === '') return LAB_DEFAULTS.netPrefix;
  const octets = raw.split('.');
  const valid = octets.length === 3 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
  if (!valid) throw new LabLayoutError('DECKHAND_NET_PREFIX', `expected three octets such as 192.168.56, got "${raw}"`);
  return raw;
}

export function labLayout(env: LabEnv): LabLayout {
  const box = env['DECKHAND_BOX']?.trim() || LAB_DEFAULTS.box;
  const netPrefix = netPrefixVar(env);
  // kubeadm's preflight wants 2 CPUs and ~1700 MiB on the control plane.
  const cpus = intVar(env, 'DECKHAND_CPUS', LAB_DEFAULTS.cpus, 2, 64);
  const masterMemoryMiB = intVar(env, 'DECKHAND_MASTER_MEMORY', LAB_DEFAULTS.masterMemoryMiB, 1792, 262144);
  const workerMemoryMiB = intVar(env, 'DECKHAND_WORKER_MEMORY', LAB_DEFAULTS.workerMemoryMiB, 1024, 262144);
  const workers = intVar(env, 'DECKHAND_WORKERS', LAB_DEFAULTS.workers, 1, MAX_WORKERS);

  const hosts: LabHost[] = [
    { name: 'master', group: 'master', address: `${netPrefix}.10`, memoryMiB: masterMemoryMiB, cpus },
  ];
  for (let i = 1; i <= workers; i++) {
    hosts.push({ name: `worker${i}`, group: 'workers', address: `${netPrefix}.${10 + i}`, memoryMiB: workerMemoryMiB, cpus });
  }
  return { box, netPrefix, hosts };
}

export function hostsInGroup(layout: LabLayout, group: LabGroup): LabHost[] {
  return layout.hosts.filter((h) => h.group === group);
}
