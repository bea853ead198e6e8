// apt repository indices: Packages stanzas (control + Filename, Size and
// hashes), and Release files listing every index with its hashes, signed
// into InRelease and Release.gpg.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuiltDeb } from './deb-builder.js';
import type { RepoSigner } from './repo-signing.js';

export function packagesIndex(debs: readonly BuiltDeb[], filename: (deb: BuiltDeb) => string): string {
  const sorted = [...debs].sort((a, b) => a.spec.name.localeCompare(b.spec.name) || a.spec.version.localeCompare(b.spec.version));
  return sorted
    .map((deb) => {
      // Description stays last, as in dpkg-scanpackages output.
      const lines = deb.control.split('\n');
      const descAt = lines.findIndex((l) => l.startsWith('Description:'));
      const head = lines.slice(0, descAt);
      const desc = lines.slice(descAt);
      return [...head, `Filename: ${filename(deb)}`, `Size: ${deb.size}`, `MD5sum: ${deb.md5}`, `SHA1: ${deb.sha1}`, `SHA256: ${deb.sha256}`, ...desc].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

export interface IndexFile {
  /** Path relative to the directory holding Release. */
  readonly path: string;
  readonly content: Buffer;
}

/** Writes Packages and Packages.gz under `base`; returns them for the Release file. */
export async function writePackages(base: string, relDir: string, text: string): Promise<IndexFile[]> {
  const files: IndexFile[] = [
    { path: join(relDir, 'Packages'), content: Buffer.from(text) },
    { path: join(relDir, 'Packages.gz'), content: gzipSync(text, { level: 9 }) },
  ];
  for (const file of files) {
    await mkdir(dirname(join(base, file.path)), { recursive: true });
    await writeFile(join(base, file.path), file.content);
  }
  return files;
}

function hashes(files: readonly IndexFile[], algo: string): string {
  return files.map((f) => ` ${createHash(algo).update(f.content).digest('hex')} ${String(f.content.length).padStart(16)} ${f.path}`).join('\n');
}

export function releaseText(fields: ReadonlyArray<readonly [string, string]>, files: readonly IndexFile[], now = new Date()): string {
  const head = [...fields, ['Date', now.toUTCString().replace('GMT', 'UTC')] as const].map(([k, v]) => `${k}: ${v}`).join('\n');
  return `${head}\nMD5Sum:\n${hashes(files, 'md5')}\nSHA256:\n${hashes(files, 'sha256')}\n`;
}

/** Release, InRelease and Release.gpg in `dir`, signed with the key `fpr`. */
export async function writeSignedRelease(dir: string, text: string, signer: RepoSigner, fpr: string): Promise<void> {
  await writeFile(join(dir, 'Release'), text);
  await writeFile(join(dir, 'InRelease'), await signer.clearsign(fpr, text));
  await writeFile(join(dir, 'Release.gpg'), await signer.detachSign(fpr, text));
}
