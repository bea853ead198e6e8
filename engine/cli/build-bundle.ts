// Build step (`npm run build`): bundles the compiled CLI into one CommonJS file,
// dist/engine/bundle/deckhand.cjs, so a run reads one file instead of about 300 (yaml alone is
// 73), then runs a syntax check of playbooks/site.yml and the help texts through it and writes
// V8's code cache of what that compiled (engine/code-cache/). The launcher loads both.
// The bundle sits at the same depth as dist/engine/cli/, so the paths main.ts and ajv.ts build
// from import.meta.url (package.json, the generated validators) resolve the same from either.
// Lazily imported parts (run-command, run-playbook, the MQTT client, vault) are only initialised
// when used; the code cache spares parsing them.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import cachedScript from '../code-cache/cached-script.cjs';
import type { CliIo } from './io.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BUNDLE_DIR = fileURLToPath(new URL('../bundle/', import.meta.url));
export const BUNDLE_FILE = join(BUNDLE_DIR, 'deckhand.cjs');
const ENTRY = fileURLToPath(new URL('./main.js', import.meta.url));

/** What the warm-up runs: the commands whose start-up a user feels most. */
const WARM_UP: readonly (readonly string[])[] = [
  ['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--syntax-check'],
  ['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--list-tasks'],
  ['--help'],
  ['run', '--help'],
];

/**
 * `deckhand lab` stays the compiled ES modules of lab/: its files find their siblings by URL (the
 * package builder, the repository server, the doubles it packs), which a bundle would move. The
 * bundle loads it lazily through the loader's `__import` (engine/code-cache/), since V8 gives a
 * script restored from a code cache no import() of its own.
 */
const labStaysOut: Plugin = {
  name: 'lab-stays-out',
  setup(on) {
    on.onResolve({ filter: /\/lab\/cli\.js$/ }, (args) => ({ path: args.path, external: true }));
    // The loader is required, not bundled: the launcher has it loaded already, and its own
    // import() (the lab's) then runs from an ordinary module.
    on.onResolve({ filter: /\/code-cache\/cached-script\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// Earlier builds may have left other files behind.
rmSync(BUNDLE_DIR, { recursive: true, force: true });
await build({
  entryPoints: [ENTRY],
  outfile: BUNDLE_FILE,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // CommonJS has no import.meta; give the bundle its own file URL in its place.
  define: { 'import.meta.url': '__deckhandBundleUrl' },
  banner: { js: "const __deckhandBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // ssh2 loads optional native add-ons at run time.
  external: ['ssh2', 'cpu-features'],
  plugins: [labStaysOut],
  logLevel: 'warning',
});

const LAB_IMPORT = 'import("../../lab/cli.js")';
const bundled = readFileSync(BUNDLE_FILE, 'utf8');
if (bundled.split(LAB_IMPORT).length !== 2) throw new Error(`the bundle should hold ${LAB_IMPORT} once`);
const rewritten = bundled.replace(LAB_IMPORT, '__import("../../lab/cli.js")');
// Everything else is inside the bundle: no import() may remain.
const dynamicImports = (rewritten.match(/(?<![\w.$])import\(/g) ?? []).length;
if (dynamicImports !== 0) throw new Error(`the bundle has ${dynamicImports} dynamic imports besides the lab's`);
writeFileSync(BUNDLE_FILE, rewritten);

const loaded = cachedScript.loadCachedScript(BUNDLE_FILE);
const { main } = loaded.exports as { main: (argv: readonly string[], io: CliIo) => Promise<number> };
const quiet: CliIo = { out: () => undefined, err: () => undefined, isTty: false, env: {}, cwd: ROOT };
for (const argv of WARM_UP) {
  const code = await main(argv, quiet);
  if (code !== 0) throw new Error(`warm-up of the bundle failed: deckhand ${argv.join(' ')} exited ${code}`);
}
const bytes = loaded.writeCache();
console.log(`CLI bundled into ${BUNDLE_FILE}, code cache ${Math.round(bytes / 1024)} KiB`);
