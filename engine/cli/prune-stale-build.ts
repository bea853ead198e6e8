// Build step (`npm run build`, after tsc): removes compiled files whose source is gone. tsc never
// deletes outputs, so a moved or deleted test kept running from dist/ (mocha reads dist/) and a
// moved module stayed importable under its old path.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders tsc compiles (tsconfig.json's include). */
const SOURCE_DIRS = ['engine', 'lab', 'test', 'bench', 'demo'] as const;

/** Outputs of later build steps, not of tsc: never pruned. */
const GENERATED = [/\.generated\.cjs$/, /^engine\/bundle\//];

const SOURCE_OF: Readonly<Record<string, string>> = { '.js': '.ts', '.cjs': '.cts' };

/** Compiled files under `distRoot` (paths relative to it) with no source under `srcRoot`. */
export function staleOutputs(distRoot: string, srcRoot: string, exists: (path: string) => boolean = pathExists): string[] {
  const stale: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of filesUnder(join(distRoot, dir))) {
      const rel = relative(distRoot, file).split('\\').join('/');
      const ext = Object.keys(SOURCE_OF).find((e) => rel.endsWith(e));
      if (ext === undefined || GENERATED.some((re) => re.test(rel))) continue;
      const source = rel.slice(0, -ext.length) + SOURCE_OF[ext];
      if (!exists(join(srcRoot, source))) stale.push(rel);
    }
  }
  return stale.sort();
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

function pathExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function main(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const dist = join(root, 'dist');
  const stale = staleOutputs(dist, root);
  for (const rel of stale) rmSync(join(dist, rel), { force: true });
  if (stale.length > 0) console.log(`removed ${stale.length} compiled file(s) whose source is gone`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
