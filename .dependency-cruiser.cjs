// Which folder may import which (docs/architecture.md, "Import rules"). `npm run lint:imports`
// checks it, and `npm test` runs that. Node's built-in modules and npm packages are always allowed.

/** The base layer: shared by every stage, importing nothing of the engine but errors/. */
const base = ['errors', 'source', 'text'];

/** Rows of the table: an engine folder, and the other engine folders it may import. */
const mayImport = {
  errors: [],
  source: ['errors'],
  text: ['errors'],
  'code-cache': [],
  connection: base,
  verify: base,
  expr: base,
  model: base,
  vault: base,
  plan: [...base, 'model'],
  template: base,
  modules: [...base, 'connection', 'verify'],
  report: [...base, 'modules'],
  schema: [...base, 'code-cache', 'modules'],
  inventory: [...base, 'vault'],
  vars: [...base, 'load', 'model', 'template', 'vault'],
  load: [...base, 'expr', 'model', 'modules', 'plan', 'schema', 'vault'],
  prepare: [...base, 'inventory', 'load', 'model', 'modules', 'plan', 'vars', 'vault'],
  // Of prepare/, run/ sees only the PreparedRun it is given.
  run: [...base, 'connection', 'expr', 'inventory', 'model', 'modules', 'plan', 'prepare/prepared-run.ts', 'report', 'schema', 'template', 'vars'],
  cli: ['*'],
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `'load'` is the folder engine/load/, `'prepare/prepared-run.ts'` that one file. */
const target = (entry) => (entry.endsWith('.ts') ? `^engine/${escape(entry)}$` : `^engine/${escape(entry)}/`);

const folderRules = Object.entries(mayImport)
  .filter(([, allowed]) => !allowed.includes('*'))
  .map(([folder, allowed]) => ({
    name: `engine-${folder}`,
    comment: `engine/${folder}/ may import ${allowed.length ? allowed.join(', ') : 'no other engine folder'}`,
    severity: 'error',
    from: { path: `^engine/${escape(folder)}/` },
    to: { path: '^engine/', pathNot: [`^engine/${escape(folder)}/`, ...allowed.map(target)] },
  }));

const folders = Object.keys(mayImport).map(escape).join('|');

module.exports = {
  forbidden: [
    ...folderRules,
    {
      name: 'engine-folder-in-table',
      comment: 'every engine folder has a row in the table',
      severity: 'error',
      from: { path: '^engine/', pathNot: `^engine/(${folders})/` },
      to: {},
    },
    {
      name: 'cli-only-from-cli',
      comment: 'nothing outside engine/cli/ imports it; the tests may',
      severity: 'error',
      from: { pathNot: '^(engine/cli|test)/' },
      to: { path: '^engine/cli/' },
    },
    {
      name: 'engine-not-outside',
      comment: 'engine/ never imports lab/, demo/, bench/ or test/',
      severity: 'error',
      from: { path: '^engine/', pathNot: '^engine/cli/main\\.ts$' },
      to: { path: '^(lab|demo|bench|test)/' },
    },
    {
      name: 'lab-command-lazy',
      comment: 'the one exception: cli/main.ts loads the `deckhand lab` command, lab/cli.ts, by a dynamic import',
      severity: 'error',
      from: { path: '^engine/cli/main\\.ts$' },
      to: { path: '^(lab|demo|bench|test)/', pathNot: '^lab/cli\\.ts$' },
    },
    {
      name: 'lab-command-not-static',
      comment: 'lab/cli.ts is imported dynamically, so the CLI does not load the lab for other commands',
      severity: 'error',
      from: { path: '^engine/cli/main\\.ts$' },
      to: { path: '^lab/cli\\.ts$', dynamic: false },
    },
    {
      name: 'lab-not-outside',
      comment: 'lab/ imports engine/ only, not demo/, bench/ or test/',
      severity: 'error',
      from: { path: '^lab/' },
      to: { path: '^(demo|bench|test)/' },
    },
    {
      name: 'demo-bench-not-test',
      comment: 'demo/ and bench/ never import test/ (nor each other)',
      severity: 'error',
      from: { path: '^(demo|bench)/' },
      to: { path: '^(test|demo|bench)/', pathNot: '^$1/' },
    },
    {
      name: 'no-circular',
      comment: 'no module imports itself through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^(engine|lab|demo|bench|test)/',
    // Type-only imports are dependencies of the design even though they vanish at run time.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
