// Builds one .deb from a PackageSpec with dpkg-deb, and reports the fields
// an apt index needs (size and hashes of the file, the control stanza).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { writeRuntime } from './bundle.js';
import type { PackageSpec } from './package-specs.js';

const run = promisify(execFile);

export interface BuiltDeb {
  readonly spec: PackageSpec;
  readonly file: string;
  readonly fileName: string;
  /** The control stanza as dpkg-deb wrote it (no trailing newline). */
  readonly control: string;
  readonly size: number;
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
}

export function debFileName(spec: PackageSpec): string {
  return `${spec.name}_${spec.version}_${spec.architecture}.deb`;
}

async function treeKiB(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += entry.name === 'DEBIAN' ? 0 : await treeKiB(path);
    else total += Math.ceil((await stat(path)).size / 1024);
  }
  return total;
}

function controlText(spec: PackageSpec, installedKiB: number): string {
  const fields: Array<[string, string]> = [
    ['Package', spec.name],
    ['Version', spec.version],
    ['Architecture', spec.architecture],
    ['Maintainer', 'deckhand lab <lab@deckhand.invalid>'],
    ['Installed-Size', String(installedKiB)],
    ...Object.entries(spec.fields ?? {}),
    ['Section', spec.section],
    ['Priority', 'optional'],
    ['Homepage', spec.homepage],
    ['Description', spec.description],
  ];
  return fields.map(([k, v]) => `${k}: ${v}`).join('\n');
}

/**
 * Lays out a package's tree in its own directory under `workDir`. The
 * runtime is copied, never hard-linked from a shared tree: tar (in dpkg-deb)
 * fails with "file changed as we read it" when a file's ctime moves while it
 * is read, and linking or unlinking another name of the same inode (staging
 * or removing another package) moves it.
 */
export async function stageDeb(spec: PackageSpec, workDir: string): Promise<string> {
  const stage = join(workDir, `${spec.name}_${spec.version}`);
  await rm(stage, { recursive: true, force: true });
  await mkdir(join(stage, 'DEBIAN'), { recursive: true });
  for (const file of spec.files) {
    const path = join(stage, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode);
  }
  for (const dir of spec.dirs ?? []) await mkdir(join(stage, dir), { recursive: true });
  if (spec.runtime) await writeRuntime(join(stage, 'usr/lib/deckhand-lab', spec.runtime), spec.versions);
  const control = controlText(spec, await treeKiB(stage));
  await writeFile(join(stage, 'DEBIAN/control'), `${control}\n`);
  if (spec.conffiles) await writeFile(join(stage, 'DEBIAN/conffiles'), spec.conffiles.map((c) => `${c}\n`).join(''));
  for (const [name, text] of Object.entries(spec.scripts ?? {})) {
    await writeFile(join(stage, 'DEBIAN', name), text);
    await chmod(join(stage, 'DEBIAN', name), 0o755);
  }
  return stage;
}

/** Packs a stage made by stageDeb into `outDir`, then removes the stage. */
export async function packDeb(spec: PackageSpec, stage: string, outDir: string): Promise<BuiltDeb> {
  await mkdir(outDir, { recursive: true });
  const control = (await readFile(join(stage, 'DEBIAN/control'), 'utf8')).trimEnd();
  const fileName = debFileName(spec);
  const file = join(outDir, fileName);
  await run('dpkg-deb', ['--root-owner-group', '-Znone', '--build', stage, file]);
  await rm(stage, { recursive: true, force: true });
  const bytes = await readFile(file);
  const hash = (algo: string): string => createHash(algo).update(bytes).digest('hex');
  return { spec, file, fileName, control, size: bytes.length, md5: hash('md5'), sha1: hash('sha1'), sha256: hash('sha256') };
}
