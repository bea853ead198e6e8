#!/usr/bin/env node
// Launcher. CommonJS on purpose (see bin/package.json): `deckhand --version` answers without
// loading anything, and the CLI bundle (dist/engine/bundle/deckhand.cjs, written by
// `npm run build`) is loaded through the V8 code cache made at build time. `deckhand lab` (test
// tooling, not bundled) and a build by tsc alone, without the bundle, run the ES modules instead.
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const argv = process.argv.slice(2);
const dist = join(__dirname, '..', 'dist', 'engine');
const bundle = join(dist, 'bundle', 'deckhand.cjs');

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`deckhand ${require('../package.json').version}\n`);
} else {
  const cli = argv[0] !== 'lab' && existsSync(bundle)
    ? Promise.resolve(require(join(dist, 'code-cache', 'cached-script.cjs')).loadCachedScript(bundle).exports)
    : import('../dist/engine/cli/main.js');
  cli
    .then(({ main }) => main(argv))
    .then((code) => {
      process.exitCode = code;
    });
}
