// The kube-apiserver static pod as the control-plane kubelet runs it: an
// HTTPS listener on the advertise address and secure port from the manifest,
// with the certificate kubeadm issued, answering the health endpoints.
// (Objects are exchanged through the shared cluster directory, not here.)
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { parse } from 'yaml';
import { readText } from './fs-atomic.js';
import { bindAddress, hostPath, versions } from './lab-env.js';
import { isRecord } from './k8s-types.js';

interface Wanted {
  readonly port: number;
  readonly cert: string;
  readonly key: string;
}

export function apiServerFromManifest(): Wanted | undefined {
  const text = readText(hostPath('/etc/kubernetes/manifests/kube-apiserver.yaml'));
  if (!text) return undefined;
  const doc: unknown = parse(text);
  const containers = isRecord(doc) && isRecord(doc.spec) && Array.isArray(doc.spec.containers) ? doc.spec.containers : [];
  const first: unknown = containers[0];
  const command = isRecord(first) && Array.isArray(first.command) ? first.command.map(String) : [];
  const arg = (name: string): string | undefined => command.find((c) => c.startsWith(`--${name}=`))?.slice(name.length + 3);
  return { port: Number(arg('secure-port') ?? 6443), cert: arg('tls-cert-file') ?? '/etc/kubernetes/pki/apiserver.crt', key: arg('tls-private-key-file') ?? '/etc/kubernetes/pki/apiserver.key' };
}

export class ApiServerEndpoint {
  private server: Server | undefined;
  private key = '';

  sync(wanted: Wanted | undefined): void {
    const key = wanted ? JSON.stringify(wanted) : '';
    if (key === this.key && (this.server || !wanted)) return;
    this.close();
    this.key = key;
    if (!wanted) return;
    let tls: { cert: Buffer; key: Buffer };
    try {
      tls = { cert: readFileSync(hostPath(wanted.cert)), key: readFileSync(hostPath(wanted.key)) };
    } catch {
      this.key = '';
      return;
    }
    const server = createServer(tls, (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path === '/livez' || path === '/readyz' || path === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (path === '/version') {
        const v = versions().kubernetes;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ major: '1', minor: v.split('.')[1], gitVersion: `v${v}`, platform: 'linux/amd64' }, null, 2));
        return;
      }
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: 'Forbidden', details: {}, code: 403 }));
    });
    server.once('error', () => {
      this.server = undefined;
      this.key = '';
    });
    server.listen(wanted.port, bindAddress());
    this.server = server;
  }

  close(): void {
    this.server?.closeAllConnections();
    this.server?.close();
    this.server = undefined;
  }
}
