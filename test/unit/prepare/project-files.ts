// A throwaway project for prepare-stage tests: files written into a temporary directory, and a
// PrepareInput for it with nothing from the command line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PrepareInput } from '../../../engine/prepare/prepare-run.js';

/** A temporary directory with these files (relative path → text); returns its path. */
export function project(files: Readonly<Record<string, string>>, prefix = 'deckhand-prepare-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** site.yml with hosts.yml from `cwd`, and whatever the test overrides. */
export const prepareInput = (cwd: string, over: Partial<PrepareInput> = {}): PrepareInput => ({
  playbook: 'site.yml',
  inventories: ['hosts.yml'],
  tags: { only: [], skip: [] },
  extraVars: [],
  cwd,
  rolesPath: [],
  vaultPasswords: [],
  ...over,
});
