// Reaching the stand-in API server as a client does: the server in the
// kubeconfig must accept a TCP connection (the control-plane kubelet serves
// it) and present a certificate from the CA the kubeconfig trusts.
import type { ResolvedKubeconfig } from './kubeconfig.js';
import { readCluster } from './cluster-store.js';
import { probeTcp, splitHostPort } from './net-probe.js';

export type Reach = { readonly ok: true } | { readonly ok: false; readonly message: string };

export async function reachApiServer(config: ResolvedKubeconfig): Promise<Reach> {
  const { host, port } = splitHostPort(config.server, 443);
  const probe = await probeTcp(host, port);
  if (probe === 'refused') return { ok: false, message: `The connection to the server ${host}:${port} was refused - did you specify the right host or port?` };
  if (probe === 'timeout') return { ok: false, message: `Unable to connect to the server: dial tcp ${host}:${port}: i/o timeout` };
  const cluster = readCluster().cluster;
  if (!cluster) return { ok: false, message: `The connection to the server ${host}:${port} was refused - did you specify the right host or port?` };
  if (config.caPem !== undefined && config.caPem.trim() !== cluster.caCertPem.trim()) {
    return { ok: false, message: 'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")' };
  }
  return { ok: true };
}
