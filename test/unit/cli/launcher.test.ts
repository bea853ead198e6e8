// The installed command: bin/deckhand.js runs the bundle written by `npm run build`; the bundle
// must behave exactly like the unbundled CLI and keep its lazily loaded parts out of start-up.
import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bundleDir = join(root, 'dist/engine/bundle');
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

/** Files the bundle entry imports statically (they load on every invocation). */
function staticImports(file: string): string[] {
  const src = readFileSync(join(bundleDir, file), 'utf8');
  return [...src.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)].map((m) => m[1] ?? m[2] ?? '');
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

  it('the entry loads only small chunks; run, execute and MQTT stay lazy', () => {
    const eager = staticImports('deckhand.js');
    const bytes = eager.reduce((n, f) => n + statSync(join(bundleDir, f)).size, statSync(join(bundleDir, 'deckhand.js')).size);
    assert.ok(bytes < 50_000, `eager bundle bytes ${bytes}`);
    for (const f of eager) assert.doesNotMatch(f, /run-command|execute-run|mqtt/);
    const entry = readFileSync(join(bundleDir, 'deckhand.js'), 'utf8');
    assert.match(entry, /import\("\.\/run-command-[\w-]+\.js"\)/);
  });
});
