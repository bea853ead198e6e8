// What "running a container" does on a lab node. No images exist, so the
// kubelet stand-in interprets the few containers that change the node:
// `cp` (how flannel's init containers install the CNI plugin and config)
// and flanneld (which needs a pod CIDR and br_netfilter, and writes
// /run/flannel/subnet.env). Every other container simply runs.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ClusterState } from './cluster-store.js';
import { nthAddress, parseCidr } from './ip-utils.js';
import { isLoaded } from './kernel-modules.js';
import type { Container, KObject } from './k8s-types.js';
import { resolvePath } from './pod-volumes.js';

export interface NodeContext {
  readonly nodeName: string;
  readonly podCIDR?: string;
}

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly message: string };

const OK: Outcome = { ok: true };

function fail(message: string): Outcome {
  return { ok: false, reason: 'CrashLoopBackOff', message };
}

export function containerArgv(container: Container): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])];
}

export function isFlannel(container: Container): boolean {
  return /(^|\/)flannel:/.test(container.image) && containerArgv(container).some((a) => a.endsWith('flanneld'));
}

export function runContainer(state: ClusterState, pod: KObject, container: Container, ctx: NodeContext): Outcome {
  const argv = containerArgv(container);
  if (argv[0] === 'cp' || argv[0] === '/bin/cp') return copy(state, pod, container, argv.slice(1));
  if (isFlannel(container)) return flanneld(state, pod, container, ctx, argv);
  return OK;
}

function copy(state: ClusterState, pod: KObject, container: Container, args: string[]): Outcome {
  const paths = args.filter((a) => !a.startsWith('-'));
  const [src, dst] = paths;
  if (src === undefined || dst === undefined) return fail('cp: missing destination file operand');
  const from = resolvePath(state, pod, container, src);
  let content: string | Buffer;
  let mode = 0o644;
  if (from.kind === 'data') content = from.content;
  else if (from.kind === 'host') {
    try {
      content = readFileSync(from.path);
      mode = statSync(from.path).mode & 0o777;
    } catch {
      return fail(`cp: cannot stat '${src}': No such file or directory`);
    }
  } else if (from.kind === 'image') {
    // A file shipped in the image (flannel-cni-plugin's /flannel): a stand-in executable.
    content = `#!/bin/sh\n# ${basename(src)} from ${container.image} (lab stand-in)\nexit 0\n`;
    mode = 0o755;
  } else return fail(`cp: cannot stat '${src}': ${from.reason}`);

  const to = resolvePath(state, pod, container, dst);
  if (to.kind === 'data') return fail(`cp: cannot create regular file '${dst}': Read-only file system`);
  if (to.kind === 'missing') return fail(`cp: cannot create regular file '${dst}': ${to.reason}`);
  if (to.kind === 'image') return OK;
  let target = to.path;
  try {
    if (statSync(target).isDirectory()) target = join(target, basename(src));
  } catch {
    // Not there yet: a file path.
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  chmodSync(target, mode);
  return OK;
}

function flanneld(state: ClusterState, pod: KObject, container: Container, ctx: NodeContext, argv: string[]): Outcome {
  if (!argv.includes('--kube-subnet-mgr')) return fail('Couldn\'t fetch network config: client: etcd cluster is unavailable or misconfigured');
  const netConf = resolvePath(state, pod, container, '/etc/kube-flannel/net-conf.json');
  if (netConf.kind !== 'data') return fail(`failed to read net conf: open /etc/kube-flannel/net-conf.json: no such file or directory`);
  let network: string | undefined;
  try {
    const parsed = JSON.parse(netConf.content) as { Network?: unknown };
    network = typeof parsed.Network === 'string' ? parsed.Network : undefined;
  } catch (error) {
    return fail(`error parsing subnet config: ${(error as Error).message}`);
  }
  if (!network || !parseCidr(network)) return fail('Failed to create SubnetManager: error parsing subnet config: failed to parse Network');
  if (!isLoaded('br_netfilter')) return fail('Failed to check br_netfilter: stat /proc/sys/net/bridge/bridge-nf-call-iptables: no such file or directory');
  const podCidr = ctx.podCIDR ? parseCidr(ctx.podCIDR) : undefined;
  if (!podCidr) return fail(`Error registering network: failed to acquire lease: node "${ctx.nodeName}" pod cidr not assigned`);
  const env = `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${nthAddress(podCidr, 1)}/${podCidr.prefix}\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`;
  const target = resolvePath(state, pod, container, '/run/flannel/subnet.env');
  if (target.kind === 'host') {
    mkdirSync(dirname(target.path), { recursive: true });
    writeFileSync(target.path, env);
  }
  return OK;
}
