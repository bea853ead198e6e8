// Which cluster kubectl talks to: --kubeconfig, else the first existing file
// in KUBECONFIG, else ~/.kube/config. Without any, kubectl falls back to
// localhost:8080 and fails exactly as the real one does.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { reachApiServer } from './api-client.js';
import { hostPath, isRooted } from './lab-env.js';
import { loadKubeconfig, type ResolvedKubeconfig } from './kubeconfig.js';
import { klog } from './klog.js';

export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

function home(): string {
  return process.env.HOME ?? homedir();
}

/** A path as the user gave it, on the modelled host (test roots remap absolute paths). */
export function userPath(path: string): string {
  if (!isRooted() || !path.startsWith('/')) return path;
  return existsSync(path) && !existsSync(hostPath(path)) ? path : hostPath(path);
}

export function kubeconfigPath(flagValue: string | undefined): string | undefined {
  if (flagValue) return userPath(flagValue);
  const env = process.env.KUBECONFIG;
  if (env) return env.split(':').filter(Boolean).map(userPath).find((p) => existsSync(p));
  const fallback = join(home(), '.kube', 'config');
  return existsSync(fallback) ? fallback : undefined;
}

const LOCALHOST_REFUSED = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

/** The kubeconfig in effect, its API server reached; errors worded like kubectl's. */
export async function connect(flagValue: string | undefined): Promise<ResolvedKubeconfig> {
  const path = kubeconfigPath(flagValue);
  if (flagValue && (!path || !existsSync(path))) throw new KubectlError(`error: stat ${flagValue}: no such file or directory`);
  if (!path) {
    const line = klog('E', 'memcache.go:265', '"Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp [::1]:8080: connect: connection refused"');
    throw new KubectlError(`${line}${LOCALHOST_REFUSED}`);
  }
  const loaded = loadKubeconfig(path);
  if (!loaded.ok) throw new KubectlError(`error: ${loaded.error}`);
  const reach = await reachApiServer(loaded.config);
  if (!reach.ok) throw new KubectlError(reach.message);
  return loaded.config;
}
