import assert from 'node:assert/strict';
import { labCommand } from '../../lab/cli.js';

async function capture(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await labCommand(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, { uid: 0 });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lab command line', () => {
  it('--help explains every flag and exits 0', async () => {
    const { code, out } = await capture(['--help']);
    assert.equal(code, 0);
    for (const flag of ['--hosts', '--name', '--subnet', '--repo-port', 'DECKHAND_LAB_DIR', 'up', 'down', 'status']) {
      assert.ok(out.includes(flag), `help mentions ${flag}`);
    }
  });

  it('`up --help` shows the help without creating anything', async () => {
    const { code, out } = await capture(['up', '--help']);
    assert.equal(code, 0);
    assert.match(out, /--hosts N/);
  });

  const bad: readonly (readonly string[])[] = [
    ['frobnicate'],
    ['up', '--hosts', 'three'],
    ['up', '--hosts', '0'],
    ['up', '--name', 'Bad_Name'],
    ['up', '--subnet', '8.8.8.0/24'],
    ['up', '--bogus'],
    ['down', 'extra'],
  ];
  for (const argv of bad) {
    it(`rejects \`lab ${argv.join(' ')}\` with exit 5`, async () => {
      const { code, err } = await capture(argv);
      assert.equal(code, 5);
      assert.match(err, /^deckhand lab: /);
    });
  }
});
