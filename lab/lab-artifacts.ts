// The two things a lab gets from the package builder (lab/packages):
// the tooling layer that sits above the machine's / in every host, and the
// apt repositories the repository server publishes.
//
// Overlayfs refuses a lower layer that lives on the same filesystem as
// another lower layer's root ("overlapping lowerdir path"), and the other
// lower layer is /. So each lab's layer is a small tmpfs holding a copy.
//
// Building is cached across labs under <base>/.cache/<hash>, keyed by the
// builder's own files and package-lock.json, so only the first lab after a
// change pays for it.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from './lab-error.js';
import { labPaths } from './lab-names.js';
import { listLabStates } from './lab-state.js';
import { run } from './run-command.js';
import type { Hook } from './lab-types.js';

export interface ArtifactInput {
  readonly stateDir: string;
  readonly baseDir: string;
  readonly prepareLayer?: Hook;
  readonly prepareRepo?: Hook;
  readonly log: (line: string) => void;
  /** The builder module; tests point it at a stand-in. */
  readonly builderUrl?: URL;
}

interface Builder {
  readonly buildLayer: Hook;
  readonly buildRepo: Hook;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const BUILDER_URL = new URL('./packages/build.js', import.meta.url);
// The builder's code and inputs, compiled and source: any change rebuilds.
const PROJECT_ROOT = join(HERE, '..', '..');
const BUILDER_DIRS = ['dist/lab/packages', 'dist/lab/doubles', 'lab/packages', 'lab/doubles'];
const MAX_HASHED_FILES = 5000;

export async function prepareArtifacts(input: ArtifactInput): Promise<void> {
  const paths = labPaths(input.stateDir);
  const builderUrl = input.builderUrl ?? BUILDER_URL;
  await mkdir(paths.layer, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', 'mode=755', 'deckhand-lab-layer', paths.layer]);

  if (input.prepareLayer || input.prepareRepo) {
    // Explicit hooks (tests, experiments): run them as given, no cache.
    const builder = input.prepareLayer && input.prepareRepo ? undefined : await loadBuilder(builderUrl, input.log);
    await mkdir(paths.repo, { recursive: true });
    const layer = input.prepareLayer ?? builder?.buildLayer;
    const repo = input.prepareRepo ?? builder?.buildRepo;
    if (layer) await layer(paths.layer);
    if (repo) await repo(paths.repo);
    return;
  }
  const builder = await loadBuilder(builderUrl, input.log);
  if (!builder) {
    await mkdir(paths.repo, { recursive: true });
    return;
  }
  const cached = await buildCached(input.baseDir, builder, await hashBuilder(builderUrl));
  await run('cp', ['-a', `${join(cached, 'layer')}/.`, `${paths.layer}/`], { timeoutMs: 120_000 });
  await symlink(join(cached, 'repo'), paths.repo);
}

async function loadBuilder(url: URL, log: (line: string) => void): Promise<Builder | undefined> {
  let module: unknown;
  try {
    module = await import(url.href);
  } catch (error) {
    if (isMissing(error, url)) {
      log(`lab: note: ${fileURLToPath(url)} is not built; hosts get an empty tooling layer and the repository is empty`);
      return undefined;
    }
    throw error;
  }
  const layer = field(module, 'buildLabLayer');
  const repo = field(module, 'buildLabRepos');
  if (typeof layer !== 'function' || typeof repo !== 'function') {
    throw new LabError('BOOT', `${fileURLToPath(url)} must export buildLabLayer and buildLabRepos`);
  }
  const buildLayer = layer as (dir: string) => Promise<unknown>;
  const buildRepo = repo as (dir: string) => Promise<unknown>;
  return {
    buildLayer: async (dir) => void (await buildLayer(dir)),
    buildRepo: async (dir) => void (await buildRepo(dir)),
  };
}

function isMissing(error: unknown, url: URL): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : '';
  // Only the builder itself being absent is skipped; a broken builder must surface.
  return code === 'ERR_MODULE_NOT_FOUND' && message.includes(fileURLToPath(url));
}

function field(module: unknown, name: string): unknown {
  return typeof module === 'object' && module !== null ? (module as Record<string, unknown>)[name] : undefined;
}

/** Returns <base>/.cache/<hash>, building it first when absent. */
async function buildCached(base: string, builder: Builder, key: string): Promise<string> {
  const cacheDir = join(base, '.cache');
  const target = join(cacheDir, key);
  if (await exists(join(target, '.complete'))) return target;

  const temp = join(cacheDir, `${key}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(join(temp, 'layer'), { recursive: true });
  await mkdir(join(temp, 'repo'), { recursive: true });
  try {
    await builder.buildLayer(join(temp, 'layer'));
    await builder.buildRepo(join(temp, 'repo'));
    await writeFile(join(temp, '.complete'), `${new Date().toISOString()}\n`);
    await rename(temp, target).catch(async (error: unknown) => {
      // Another `lab up` finished the same build first: use theirs.
      if (!(await exists(join(target, '.complete')))) throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  await pruneCache(cacheDir, key);
  return target;
}

async function hashBuilder(url: URL): Promise<string> {
  const hash = createHash('sha256').update(url.href).update('\0');
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (count >= MAX_HASHED_FILES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        count++;
        hash.update(relative(PROJECT_ROOT, path)).update('\0').update(await readFile(path)).update('\0');
      }
    }
  };
  const dirs = new Set([dirname(fileURLToPath(url)), ...BUILDER_DIRS.map((dir) => join(PROJECT_ROOT, dir))]);
  for (const dir of dirs) await walk(dir);
  // The libraries copied into the packages (yaml, smol-toml) are pinned here.
  hash.update(await readFile(join(PROJECT_ROOT, 'package-lock.json')).catch(() => ''));
  return hash.digest('hex').slice(0, 16);
}

/** Drops cached builds that are neither current nor still served by a lab. */
async function pruneCache(cacheDir: string, keep: string): Promise<void> {
  const inUse = new Set<string>([keep]);
  for (const state of await listLabStates()) {
    const target = await readlink(labPaths(state.stateDir).repo).catch(() => '');
    if (target.startsWith(cacheDir)) inUse.add(relative(cacheDir, dirname(target)));
  }
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of await readdir(cacheDir).catch(() => [])) {
    if (inUse.has(entry)) continue;
    const path = join(cacheDir, entry);
    // A temp folder may belong to a build running right now.
    if (entry.includes('.tmp-') && (await stat(path).then((s) => s.mtimeMs > hourAgo).catch(() => false))) continue;
    await rm(path, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
