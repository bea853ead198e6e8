// File handling for `deckhand vault`: replace a file without a window where it is half written
// (and keep its permissions), read all of stdin, and edit plaintext in $EDITOR for `create`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { shlexSplit } from '../text/shlex.js';

/** Writes beside the target, then renames over it; a new file is created private (0600). */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const mode = await stat(path).then((s) => s.mode & 0o7777, () => 0o600);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { mode: 0o600, flag: 'wx' });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export function readAllStdin(): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (b: Buffer) => chunks.push(b));
    process.stdin.on('end', () => resolvePromise(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

export type Edited = { ok: true; text: Buffer } | { ok: false; message: string };

/**
 * Opens `initial` in the user's editor ($EDITOR, split like a shell would; vi by default) in a
 * private temporary directory, returns what was saved and removes the plaintext copy.
 */
export async function editInEditor(initial: Buffer, env: Readonly<Record<string, string | undefined>>): Promise<Edited> {
  const split = shlexSplit(env['EDITOR'] || 'vi');
  if (!split.ok) return { ok: false, message: `cannot parse EDITOR: ${split.message}` };
  const [cmd, ...args] = split.tokens.map((t) => t.text);
  if (cmd === undefined) return { ok: false, message: 'EDITOR is empty' };
  const dir = await mkdtemp(join(tmpdir(), 'deckhand-vault-'));
  const file = join(dir, 'plaintext');
  try {
    await writeFile(file, initial, { mode: 0o600 });
    const r = spawnSync(cmd, [...args, file], { stdio: 'inherit' });
    if (r.error) return { ok: false, message: `cannot run editor '${cmd}': ${r.error.message}` };
    if (r.status !== 0) return { ok: false, message: `editor '${cmd}' exited with code ${r.status ?? r.signal ?? '?'}; nothing was written` };
    return { ok: true, text: await readFile(file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
