// Kernel parameters on a lab host. net.* keys are per network namespace and
// are read and written for real; net.bridge.* exists only once br_netfilter
// is "loaded" (as on a real host); every other key is global to the machine,
// so writes to it are kept as lab state instead of changing the kernel.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exists, readText, writeFileAtomic } from './fs-atomic.js';
import { hostPath, isRooted, labStatePath } from './lab-env.js';
import { isLoaded } from './kernel-modules.js';

export type ReadResult = { ok: true; value: string } | { ok: false; error: string };

export function keyPath(key: string): string {
  return join('/proc/sys', key.replace(/\./g, '/'));
}

export function normalizeKey(key: string): string {
  return key.replace(/\//g, '.');
}

function overridePath(key: string): string {
  return labStatePath('sysctl', key);
}

function missing(key: string): ReadResult {
  return { ok: false, error: `sysctl: cannot stat ${keyPath(key)}: No such file or directory` };
}

function bridgeGated(key: string): boolean {
  return key.startsWith('net.bridge.') && !isLoaded('br_netfilter');
}

const BRIDGE_DEFAULTS: Readonly<Record<string, string>> = {
  'net.bridge.bridge-nf-call-arptables': '1',
  'net.bridge.bridge-nf-call-ip6tables': '1',
  'net.bridge.bridge-nf-call-iptables': '1',
  'net.bridge.bridge-nf-filter-pppoe-tagged': '0',
  'net.bridge.bridge-nf-filter-vlan-tagged': '0',
  'net.bridge.bridge-nf-pass-vlan-input-dev': '0',
};

function readFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim().replace(/\s+/g, '\t');
  } catch {
    return undefined;
  }
}

export function readKey(rawKey: string): ReadResult {
  const key = normalizeKey(rawKey);
  if (bridgeGated(key)) return missing(key);
  const override = readText(overridePath(key));
  if (override !== undefined) return { ok: true, value: override.trim() };
  const value = readFile(hostPath(keyPath(key))) ?? (isRooted() ? readFile(keyPath(key)) : undefined) ?? BRIDGE_DEFAULTS[key];
  return value === undefined ? missing(key) : { ok: true, value };
}

export function writeKey(rawKey: string, value: string): ReadResult {
  const key = normalizeKey(rawKey);
  const current = readKey(key);
  if (!current.ok) return current;
  const path = hostPath(keyPath(key));
  const perNamespace = key.startsWith('net.') && !key.startsWith('net.bridge.');
  if ((perNamespace || isRooted()) && exists(path)) {
    try {
      writeFileSync(path, `${value}\n`);
      return { ok: true, value: value.trim() };
    } catch {
      return { ok: false, error: `sysctl: permission denied on key "${key}"` };
    }
  }
  writeFileAtomic(overridePath(key), `${value.trim()}\n`);
  return { ok: true, value: value.trim() };
}
