// Build step (`npm run build`): bundles the compiled CLI into a few ES module files in
// dist/engine/bundle/, so a run loads a handful of files instead of ~300 (yaml alone is 73).
// Measured on a 2-core VM: `run --syntax-check` of site.yml 510 ms → 350 ms.
// Each lazily imported part (run-command, execute-run, the MQTT client, vault) stays its own
// chunk, so `--version` and `--help` load none of them.
// Earlier builds leave chunks with other hashes behind, so the folder is emptied first.
// The bundle sits at the same depth as dist/engine/cli/, so the paths main.ts and ajv.ts build
// from import.meta.url (package.json, the generated validators) resolve the same from either.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BUNDLE_DIR = fileURLToPath(new URL('../bundle/', import.meta.url));
const ENTRY = fileURLToPath(new URL('./main.js', import.meta.url));

// Bundled CommonJS packages call require(); an ES module has none, so give it one.
const REQUIRE_SHIM = "import { createRequire as __deckhandRequire } from 'node:module'; const require = __deckhandRequire(import.meta.url);";

rmSync(BUNDLE_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: { deckhand: ENTRY },
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  banner: { js: REQUIRE_SHIM },
  // ssh2 loads optional native add-ons at run time; the lab commands are test tooling.
  external: ['ssh2', 'cpu-features', '../../test/*'],
  logLevel: 'warning',
  metafile: true,
});
const files = Object.keys(result.metafile.outputs).length;
console.log(`CLI bundled into ${files} files in ${BUNDLE_DIR}`);
