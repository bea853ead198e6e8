// The repository root, found from this file's location so the harness and its
// tests work from src (ts) and from dist/ alike.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'Vagrantfile'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root (package.json + Vagrantfile) above ${start}`);
    dir = parent;
  }
}

export const repoRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));
