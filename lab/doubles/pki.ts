// Real certificates for the stand-in cluster, made with the openssl CLI: an
// RSA CA (so the documented `openssl x509 -pubkey | openssl rsa -pubin …`
// hash pipeline works), and EC leaf certificates signed by it.
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function createCa(certPath: string, keyPath: string, commonName = 'kubernetes'): Promise<void> {
  mkdirSync(dirname(certPath), { recursive: true });
  mkdirSync(dirname(keyPath), { recursive: true });
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '3650',
    '-subj', `/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
  ]);
}

export interface LeafRequest {
  readonly caCert: string;
  readonly caKey: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly commonName: string;
  readonly organization?: string;
  /** DNS names and IPs; a serving certificate when present, a client one otherwise. */
  readonly dnsNames?: readonly string[];
  readonly ips?: readonly string[];
}

export async function issueLeaf(req: LeafRequest): Promise<void> {
  mkdirSync(dirname(req.certPath), { recursive: true });
  mkdirSync(dirname(req.keyPath), { recursive: true });
  const subject = `${req.organization ? `/O=${req.organization}` : ''}/CN=${req.commonName}`;
  const sans = [...(req.dnsNames ?? []).map((d) => `DNS:${d}`), ...(req.ips ?? []).map((ip) => `IP:${ip}`)];
  const usage = sans.length > 0 ? 'serverAuth' : 'clientAuth';
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', req.keyPath, '-out', req.certPath, '-days', '365',
    '-subj', subject, '-CA', req.caCert, '-CAkey', req.caKey,
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', `extendedKeyUsage=${usage}`,
    ...(sans.length > 0 ? ['-addext', `subjectAltName=${sans.join(',')}`] : []),
  ]);
}

/** kubeadm's discovery hash: SHA-256 of the CA's DER SubjectPublicKeyInfo. */
export function caCertHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}

export function readPem(path: string): string {
  return readFileSync(path, 'utf8');
}

export function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}
