// Where a double finds the host it runs on. In a lab host everything is at
// its real path; unit tests point DECKHAND_LAB_ROOT at a temporary directory
// so nothing touches the machine's /etc, /var/lib or /proc/sys.
import { existsSync, readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Every environment variable the doubles read, in one place. */
export const ENV = {
  root: 'DECKHAND_LAB_ROOT',
  cluster: 'DECKHAND_LAB_CLUSTER',
  hostname: 'DECKHAND_LAB_HOSTNAME',
  nodeIp: 'DECKHAND_LAB_NODE_IP',
  bindAddress: 'DECKHAND_LAB_BIND_ADDRESS',
  kubeletIntervalMs: 'DECKHAND_LAB_KUBELET_INTERVAL_MS',
  kubeletTimeoutSec: 'DECKHAND_LAB_KUBELET_TIMEOUT',
  nodeGraceSec: 'DECKHAND_LAB_NODE_GRACE',
  notify: 'DECKHAND_LAB_NOTIFY',
} as const;

export const LAB_STATE = '/var/lib/deckhand-lab';

export function labRoot(): string {
  return process.env[ENV.root] ?? '/';
}

/** True when the doubles run against a temporary root (unit tests). */
export function isRooted(): boolean {
  return labRoot() !== '/';
}

/** The path on this host's filesystem for an absolute path of the modelled host; relative paths stay relative to the working directory. */
export function hostPath(path: string): string {
  return path.startsWith('/') ? join(labRoot(), path) : path;
}

/** State a double keeps for itself, under /var/lib/deckhand-lab/. */
export function labStatePath(...parts: string[]): string {
  return hostPath(join(LAB_STATE, ...parts));
}

/** The directory shared by every host of a lab: the stand-in API server's storage. */
export function clusterDir(): string {
  return process.env[ENV.cluster] ?? labStatePath('cluster');
}

export function nodeHostname(): string {
  return (process.env[ENV.hostname] ?? hostname()).toLowerCase();
}

/** The address a listener binds: all addresses in a lab host, the node's own in tests. */
export function bindAddress(): string {
  return process.env[ENV.bindAddress] ?? '0.0.0.0';
}

/** The IPv4 address of the interface carrying the default route, as kubeadm picks it. */
export function defaultNodeIp(): string {
  const fixed = process.env[ENV.nodeIp];
  if (fixed) return fixed;
  const interfaces = networkInterfaces();
  const routeIface = defaultRouteInterface();
  const ordered = routeIface ? [routeIface, ...Object.keys(interfaces)] : Object.keys(interfaces);
  for (const name of ordered) {
    for (const address of interfaces[name] ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}

function defaultRouteInterface(): string | undefined {
  try {
    // /proc/net/route is per network namespace: the host's own routes.
    for (const line of readFileSync('/proc/net/route', 'utf8').split('\n').slice(1)) {
      const [iface, destination] = line.trim().split(/\s+/);
      if (iface && destination === '00000000') return iface;
    }
  } catch {
    // No route table readable: fall back to the first address.
  }
  return undefined;
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface Versions {
  readonly kubernetes: string;
  readonly containerd: string;
  readonly criTools: string;
  readonly cni: string;
}

const DEFAULT_VERSIONS: Versions = { kubernetes: '1.33.4', containerd: '1.7.27', criTools: '1.33.0', cni: '1.6.0' };

/** Versions stamped into a package by the builder (version.json beside the code). */
export function versions(): Versions {
  try {
    const text = readFileSync(new URL('./version.json', import.meta.url), 'utf8');
    return { ...DEFAULT_VERSIONS, ...(JSON.parse(text) as Partial<Versions>) };
  } catch {
    return DEFAULT_VERSIONS;
  }
}

/** True when the module at `url` is the script node was started with. */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === url;
}

/** The directory holding the doubles' compiled code (for spawning daemons). */
export function codeDir(): string {
  return fileURLToPath(new URL('.', import.meta.url));
}

/** Daemons started against a test root end when that root is deleted. */
export function onRootRemoved(handler: () => void): void {
  if (!isRooted()) return;
  const timer = setInterval(() => {
    if (!existsSync(labRoot())) handler();
  }, 1000);
  timer.unref();
}
