// The installed command: bin/deckhand.js runs the bundle written by `npm run build` through its
// code cache; the bundle must behave exactly like the unbundled CLI.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import cachedScript from '../../../engine/code-cache/cached-script.cjs';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bundle = join(root, 'dist/engine/bundle/deckhand.cjs');
const validators = join(root, 'dist/engine/schema/validators.generated.cjs');
const launcher = join(root, 'bin/deckhand.js');
const unbundled = join(root, 'dist/engine/cli/main.js');

async function viaLauncher(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await execa(process.execPath, [launcher, ...args], { cwd: root, reject: false });
  return { code: r.exitCode ?? -1, out: r.stdout, err: r.stderr };
}

async function viaUnbundled(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const script = `import { main } from ${JSON.stringify(unbundled)}; main(${JSON.stringify(args)}).then((c) => { process.exitCode = c; });`;
  const r = await execa(process.execPath, ['--input-type=module', '-e', script], { cwd: root, reject: false });
  return { code: r.exitCode ?? -1, out: r.stdout, err: r.stderr };
}

describe('cli: launcher and bundle', () => {
  const same: [string, string[]][] = [
    ['--help', ['--help']],
    ['run --help', ['run', '--help']],
    ['a syntax check of site.yml', ['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--syntax-check']],
    ['--list-tasks of site.yml', ['run', 'playbooks/site.yml', '-i', 'inventory/example.yml', '--list-tasks']],
    ['a located error for a missing playbook', ['run', 'playbooks/no-such.yml', '-i', 'inventory/example.yml']],
    ['an unknown command', ['frobnicate']],
  ];
  for (const [what, args] of same) {
    it(`the bundle answers like the unbundled CLI: ${what}`, async () => {
      const [a, b] = await Promise.all([viaLauncher(args), viaUnbundled(args)]);
      assert.deepEqual(a, b);
    });
  }

  it('--version prints the version from package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await viaLauncher([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.out, `deckhand ${pkg.version}`);
    }
  });

  it('the build wrote code caches that this Node accepts, for the bundle and the validators', async () => {
    // In a child process: loading the bundle here would run its module-level code twice.
    const script = `const c = require(${JSON.stringify(join(root, 'dist/engine/code-cache/cached-script.cjs'))});
      console.log(JSON.stringify([${JSON.stringify(bundle)}, ${JSON.stringify(validators)}].map((f) => c.loadCachedScript(f).cacheUsed)));`;
    const r = await execa(process.execPath, ['-e', script], { cwd: root });
    assert.deepEqual(JSON.parse(r.stdout), [true, true]);
    assert.ok(cachedScript.cacheFileOf(bundle).endsWith('.cache'));
  });

  it('deckhand lab runs outside the bundle', async () => {
    const r = await viaLauncher(['lab', '--help']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Usage: deckhand lab/);
  });
});
