// Shared test helpers for the template layer.
import assert from 'node:assert/strict';
import type { RenderResult, TemplateError, VarEntry, VarSource } from '../../../engine/template/index.js';

/** A VarSource from records: the first is templated (trusted) vars, the second host data. */
export function vars(templated: Readonly<Record<string, unknown>>, data: Readonly<Record<string, unknown>> = {}): Map<string, VarEntry> {
  const out = new Map<string, VarEntry>();
  for (const [k, v] of Object.entries(templated)) out.set(k, { value: v, templated: true });
  for (const [k, v] of Object.entries(data)) out.set(k, { value: v, templated: false });
  return out;
}

export function ok<T>(r: RenderResult<T>): T {
  if (!r.ok) assert.fail(`expected success, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function err<T>(r: RenderResult<T>): TemplateError {
  if (r.ok) assert.fail(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

/** The variables most tables use. */
export const COMMON: VarSource = vars({
  x: 1,
  name: 'web',
  port: 6443,
  flag: true,
  off: false,
  zero: 0,
  empty: '',
  nothing: null,
  packages: ['kubelet', 'kubeadm'],
  none: [],
  cfg: { listen: '0.0.0.0', ports: [1883, 8883] },
  a: { b: { c: 'deep' } },
  kubeadm_token_file: '/etc/kubeadm/token',
  groups: { master: ['m1'], workers: ['w1', 'w2'] },
});
