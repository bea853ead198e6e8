// Swap on a lab host. /proc/swaps and swapoff(2) are the machine's, not the
// host's, so the lab keeps the host's active swap areas as state; the layer
// ships a host that booted with /swap.img active, like a stock Ubuntu server.
import { readText, writeFileAtomic } from './fs-atomic.js';
import { hostPath, labStatePath } from './lab-env.js';

export interface SwapArea {
  readonly name: string;
  readonly type: 'file' | 'partition';
  readonly sizeKiB: number;
  readonly priority: number;
}

const DEFAULT_SIZE_KIB = 4_194_300;

function statePath(): string {
  return labStatePath('swap', 'active');
}

export function activeSwaps(): SwapArea[] {
  const text = readText(statePath()) ?? '';
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((name, i) => ({ name, type: name.startsWith('/dev/') ? 'partition' : 'file', sizeKiB: DEFAULT_SIZE_KIB, priority: -2 - i }));
}

function save(names: readonly string[]): void {
  writeFileAtomic(statePath(), names.length > 0 ? `${names.join('\n')}\n` : '');
}

/** Swap entries of /etc/fstab that are not commented out. */
export function fstabSwaps(): string[] {
  const text = readText(hostPath('/etc/fstab')) ?? '';
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(/\s+/))
    .filter((fields) => fields[2] === 'swap')
    .map((fields) => fields[0] ?? '');
}

export function swapOff(name: string): boolean {
  const names = activeSwaps().map((s) => s.name);
  if (!names.includes(name)) return false;
  save(names.filter((n) => n !== name));
  return true;
}

export function swapOn(name: string): boolean {
  const names = activeSwaps().map((s) => s.name);
  if (names.includes(name)) return false;
  save([...names, name]);
  return true;
}

export function humanSize(kib: number): string {
  const gib = kib / 1024 / 1024;
  return gib >= 1 ? `${Math.round(gib)}G` : `${Math.round(kib / 1024)}M`;
}
