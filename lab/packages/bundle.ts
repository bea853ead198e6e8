// The doubles' compiled code as it ships inside a package or the lab layer:
// every module next to this builder's ../doubles (tests and test helpers
// excluded), the yaml library they import, and the versions stamped in.
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const DOUBLES = fileURLToPath(new URL('../doubles/', import.meta.url));

export interface StampedVersions {
  readonly kubernetes: string;
  readonly containerd: string;
  readonly criTools: string;
  readonly cni: string;
}

function yamlRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('yaml/package.json'));
}

/** Copies the runtime into `dir` (e.g. <stage>/usr/lib/deckhand-lab/kubeadm), with the versions stamped in. */
export async function writeRuntime(dir: string, versions: StampedVersions): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = (await readdir(DOUBLES)).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'));
  await Promise.all(files.map((f) => cp(join(DOUBLES, f), join(dir, f))));
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  const yaml = yamlRoot();
  const target = join(dir, 'node_modules', 'yaml');
  await cp(join(yaml, 'dist'), join(target, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
  await cp(join(yaml, 'package.json'), join(target, 'package.json'));
  await cp(join(yaml, 'LICENSE'), join(target, 'LICENSE'));
  await writeFile(join(dir, 'version.json'), `${JSON.stringify(versions, null, 2)}\n`);
}

/** A /usr/bin entry point: a shell script running the module with the lab's node. */
export function launcher(relativeModule: string): string {
  return `#!/bin/sh\n# Lab stand-in; see docs/lab-doubles.md in the deckhand repository.\nexec /usr/bin/node "$(dirname "$(readlink -f "$0")")/${relativeModule}" "$@"\n`;
}
