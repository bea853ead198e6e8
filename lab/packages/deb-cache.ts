// Built .debs are cached under the system temp directory, keyed by the
// code they contain (the compiled doubles, this builder and the versions of
// the libraries shipped with them), so repeated builds — every test run,
// every `lab up` — reuse them.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { libraryRoot, RUNTIME_LIBRARIES } from './bundle.js';
import type { BuiltDeb } from './deb-builder.js';

const INPUT_DIRS = [fileURLToPath(new URL('../doubles/', import.meta.url)), fileURLToPath(new URL('./', import.meta.url))];
const CACHE_ROOT = join(tmpdir(), 'deckhand-lab-debs');
const STALE_MS = 3_600_000;

async function inputKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of INPUT_DIRS) {
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js')).sort()) {
      hash.update(name).update('\0').update(await readFile(join(dir, name))).update('\0');
    }
  }
  for (const name of RUNTIME_LIBRARIES) {
    const { version } = JSON.parse(await readFile(join(libraryRoot(name), 'package.json'), 'utf8')) as { version: string };
    hash.update(`${name}@${version}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

type Meta = Omit<BuiltDeb, 'file'>;

/** The cached debs copied into outDir, or undefined on a miss. */
export async function cachedDebs(outDir: string): Promise<{ key: string; debs?: BuiltDeb[] }> {
  const key = await inputKey();
  const dir = join(CACHE_ROOT, key);
  let meta: Meta[];
  try {
    meta = JSON.parse(await readFile(join(dir, 'debs.json'), 'utf8')) as Meta[];
  } catch {
    return { key };
  }
  await mkdir(outDir, { recursive: true });
  const debs: BuiltDeb[] = [];
  try {
    for (const m of meta) {
      await cp(join(dir, m.fileName), join(outDir, m.fileName));
      debs.push({ ...m, file: join(outDir, m.fileName) });
    }
  } catch {
    // Pruned by a concurrent build while being copied: build afresh.
    return { key };
  }
  return { key, debs };
}

export async function storeDebs(key: string, debs: readonly BuiltDeb[]): Promise<void> {
  const temp = join(CACHE_ROOT, `${key}.tmp-${process.pid}`);
  await mkdir(temp, { recursive: true });
  for (const deb of debs) await cp(deb.file, join(temp, deb.fileName));
  await writeFile(join(temp, 'debs.json'), JSON.stringify(debs.map(({ file: _file, ...meta }) => meta)));
  await rename(temp, join(CACHE_ROOT, key)).catch(() => rm(temp, { recursive: true, force: true }));
  // Keep the cache small, but leave builds other processes may still be reading.
  for (const entry of await readdir(CACHE_ROOT)) {
    const age = Date.now() - (await stat(join(CACHE_ROOT, entry)).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (entry !== key && age > STALE_MS) await rm(join(CACHE_ROOT, entry), { recursive: true, force: true });
  }
}
