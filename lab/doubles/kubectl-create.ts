// kubectl create namespace | secret generic | configmap, including the
// idempotent idiom `create … --dry-run=client -o yaml | kubectl apply -f -`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { KubectlError, userPath } from './kubectl-context.js';
import type { KObject } from './k8s-types.js';

export interface CreateInput {
  readonly what: string;
  readonly args: readonly string[];
  readonly namespace: string;
  readonly literals: readonly string[];
  readonly files: readonly string[];
  readonly type?: string;
}

function pairs(input: CreateInput): Record<string, string> {
  const data: Record<string, string> = {};
  for (const literal of input.literals) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid literal source ${literal}, expected key=value`);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  for (const file of input.files) {
    const eq = file.indexOf('=');
    const key = eq > 0 ? file.slice(0, eq) : basename(file);
    const path = eq > 0 ? file.slice(eq + 1) : file;
    try {
      data[key] = readFileSync(userPath(path), 'utf8');
    } catch {
      throw new KubectlError(`error: error reading ${path}: no such file or directory`);
    }
  }
  return data;
}

/** The object `kubectl create <what>` would send. */
export function buildCreated(input: CreateInput): KObject {
  const [sub, maybeName] = input.args;
  if (input.what === 'namespace' || input.what === 'ns') {
    if (!sub) throw new KubectlError('error: exactly one NAME is required, got 0');
    return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: sub } };
  }
  if (input.what === 'secret') {
    if (sub !== 'generic') throw new KubectlError(`error: the lab kubectl creates generic secrets only`);
    if (!maybeName) throw new KubectlError('error: exactly one NAME is required, got 0');
    const data = Object.fromEntries(Object.entries(pairs(input)).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    return { apiVersion: 'v1', kind: 'Secret', metadata: { name: maybeName, namespace: input.namespace }, type: input.type ?? 'Opaque', data };
  }
  if (input.what === 'configmap' || input.what === 'cm') {
    if (!sub) throw new KubectlError('error: exactly one NAME is required, got 0');
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: sub, namespace: input.namespace }, data: pairs(input) };
  }
  throw new KubectlError(`error: unknown command "${input.what}" for "kubectl create"`);
}

/** --dry-run=client -o yaml|json: the object as kubectl prints it, with creationTimestamp: null. */
export function printCreated(obj: KObject, output: string | undefined): string {
  const printed = { ...obj, metadata: { ...obj.metadata, creationTimestamp: null } };
  if (output === 'yaml') return stringify(printed);
  if (output === 'json') return `${JSON.stringify(printed, null, 4)}\n`;
  return '';
}
