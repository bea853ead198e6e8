// The doubles' compiled code as it ships inside a package or the lab layer:
// every module next to this builder's ../doubles (tests and test helpers
// excluded), the libraries they import, and the versions stamped in. The
// modules are not bundled; the libraries go under node_modules beside them.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const DOUBLES = fileURLToPath(new URL('../doubles/', import.meta.url));

export interface StampedVersions {
  readonly kubernetes: string;
  readonly containerd: string;
  readonly criTools: string;
  readonly cni: string;
}

/** The npm packages the doubles import; none has dependencies of its own. */
export const RUNTIME_LIBRARIES = ['yaml', 'smol-toml'] as const;

/** Where `name` is installed (not via `name/package.json`: smol-toml's "exports" hides it). */
export function libraryRoot(name: string): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(name) ?? []) {
    if (existsSync(join(dir, name, 'package.json'))) return join(dir, name);
  }
  throw new Error(`the ${name} package is not installed`);
}

/** Copies the runtime into `dir` (e.g. <stage>/usr/lib/deckhand-lab/kubeadm), with the versions stamped in. */
export async function writeRuntime(dir: string, versions: StampedVersions): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = (await readdir(DOUBLES)).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'));
  await Promise.all(files.map((f) => cp(join(DOUBLES, f), join(dir, f))));
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  for (const name of RUNTIME_LIBRARIES) {
    const root = libraryRoot(name);
    const target = join(dir, 'node_modules', name);
    await cp(join(root, 'dist'), join(target, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
    await cp(join(root, 'package.json'), join(target, 'package.json'));
    await cp(join(root, 'LICENSE'), join(target, 'LICENSE'));
  }
  await writeFile(join(dir, 'version.json'), `${JSON.stringify(versions, null, 2)}\n`);
}

/** A /usr/bin entry point: a shell script running the module with the lab's node. */
export function launcher(relativeModule: string): string {
  return `#!/bin/sh\n# Lab stand-in; see docs/lab-doubles.md in the deckhand repository.\nexec /usr/bin/node "$(dirname "$(readlink -f "$0")")/${relativeModule}" "$@"\n`;
}
