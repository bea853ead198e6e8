// Test helpers: fixture paths and throwaway directory trees.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInventory, type Inventory, type LoadOptions } from '../../../engine/inventory/index.js';
import type { Diagnostic } from '../../../engine/errors/diagnostic.js';

/** test/fixtures/inventory, from the compiled dist/test/unit/inventory/. */
export const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/inventory/', import.meta.url));

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** Writes `files` (relative path → content) under a new temporary directory and returns it. */
export async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'deckhand-inv-'));
  for (const [rel, text] of Object.entries(files)) {
    const full = join(root, rel);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
  }
  return root;
}

export interface Loaded {
  readonly inventory: Inventory;
  readonly warnings: Diagnostic[];
}

/** Loads and fails the test with the formatted diagnostics when loading fails. */
export async function mustLoad(specs: readonly string[], opts: LoadOptions = {}): Promise<Loaded> {
  const r = await loadInventory(specs, opts);
  if (!r.ok) throw new Error(`unexpected errors:\n${r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return { inventory: r.inventory, warnings: r.warnings };
}

/** Loads inline files from a temporary tree; `specs` are relative to it. */
export async function loadTree(files: Record<string, string>, specs: readonly string[], opts: Omit<LoadOptions, 'cwd'> = {}): Promise<Loaded> {
  const root = await tree(files);
  return mustLoad(specs, { ...opts, cwd: root });
}

export function where(d: Diagnostic): string {
  return d.pos ? `${d.pos.line}:${d.pos.col}` : '-';
}
