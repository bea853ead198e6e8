#!/usr/bin/env node
// Launcher. CommonJS on purpose (see bin/package.json): `deckhand --version` answers without
// starting Node's ES module loader, which costs about 25 ms. Everything else runs the bundled CLI
// (dist/engine/bundle/, written by `npm run build`), or the unbundled build when it is missing.
'use strict';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`deckhand ${require('../package.json').version}\n`);
} else {
  import('../dist/engine/bundle/deckhand.js')
    .catch((e) => {
      if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('bundle')) return import('../dist/engine/cli/main.js');
      throw e;
    })
    .then(({ main }) => main(argv))
    .then((code) => {
      process.exitCode = code;
    });
}
