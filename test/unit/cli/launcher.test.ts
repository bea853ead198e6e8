// The installed command: bin/deckhand.js runs the bundle written by `npm run build` through its
// code cache; the bundle must behave exactly like the unbundled CLI.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      // Otherwise the launcher would run the unbundled CLI and this would compare it with itself.
      assert.ok(statSync(bundle).mtimeMs >= statSync(join(root, 'dist/.tsbuildinfo')).mtimeMs, 'the bundle is older than the last tsc build: run npm run build');
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

  // A stand-in tree: the real launcher and cache loader, a bundle and an unbundled CLI that say
  // which one ran, and tsc's build info older or newer than the bundle.
  const which: [string, number | undefined, string][] = [
    ['a bundle newer than the tsc build runs', -60, 'bundle'],
    ['a bundle older than the tsc build (tsc alone since) is not used', 60, 'unbundled'],
    ['without tsc build info the bundle runs', undefined, 'bundle'],
  ];
  for (const [what, infoAgeS, want] of which) {
    it(`launcher: ${what}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'deckhand-launcher-'));
      try {
        for (const d of ['bin', 'dist/engine/bundle', 'dist/engine/code-cache', 'dist/engine/cli']) mkdirSync(join(dir, d), { recursive: true });
        copyFileSync(launcher, join(dir, 'bin/deckhand.js'));
        copyFileSync(join(root, 'bin/package.json'), join(dir, 'bin/package.json'));
        copyFileSync(join(root, 'dist/engine/code-cache/cached-script.cjs'), join(dir, 'dist/engine/code-cache/cached-script.cjs'));
        writeFileSync(join(dir, 'package.json'), '{"type":"module","version":"0.0.0"}');
        writeFileSync(join(dir, 'dist/engine/bundle/deckhand.cjs'), "exports.main = async () => { console.log('bundle'); return 0; };\n");
        writeFileSync(join(dir, 'dist/engine/cli/main.js'), "export async function main() { console.log('unbundled'); return 0; }\n");
        const now = Date.now() / 1000;
        utimesSync(join(dir, 'dist/engine/bundle/deckhand.cjs'), now, now);
        if (infoAgeS !== undefined) {
          writeFileSync(join(dir, 'dist/.tsbuildinfo'), '{}');
          utimesSync(join(dir, 'dist/.tsbuildinfo'), now + infoAgeS, now + infoAgeS);
        }
        const r = await execa(process.execPath, [join(dir, 'bin/deckhand.js'), 'run', 'x.yml'], { reject: false });
        assert.equal(r.stdout, want, r.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('the bundle loads deckhand lab lazily, from the compiled lab/ modules', async () => {
    const r = await viaLauncher(['lab', '--help']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Usage: deckhand lab/);
  });
});
