#!/usr/bin/env node
// Launcher. CommonJS on purpose (see bin/package.json): `deckhand --version` answers without
// loading anything, and the CLI bundle (dist/engine/bundle/deckhand.cjs, written by
// `npm run build`) is loaded through the V8 code cache made at build time. A build by tsc alone
// runs the ES modules instead: without a bundle, or with one older than tsc's last build.
'use strict';

const { statSync } = require('node:fs');
const { join } = require('node:path');

const argv = process.argv.slice(2);
const dist = join(__dirname, '..', 'dist', 'engine');
const bundle = join(dist, 'bundle', 'deckhand.cjs');

/** A bundle older than the last tsc build (`npx tsc` alone) would run stale code. */
function bundleIsCurrent() {
  const built = statSync(bundle, { throwIfNoEntry: false });
  const compiled = statSync(join(dist, '..', '.tsbuildinfo'), { throwIfNoEntry: false });
  return built !== undefined && (compiled === undefined || compiled.mtimeMs <= built.mtimeMs);
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`deckhand ${require('../package.json').version}\n`);
} else {
  const cli = bundleIsCurrent()
    ? Promise.resolve(require(join(dist, 'code-cache', 'cached-script.cjs')).loadCachedScript(bundle).exports)
    : import('../dist/engine/cli/main.js');
  cli
    .then(({ main }) => main(argv))
    .then((code) => {
      process.exitCode = code;
    });
}
