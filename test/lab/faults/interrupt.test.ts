// Ctrl-C (SIGINT) sent to a running `deckhand run`: no new task starts, running ones get a
// bounded grace period (10 s), the recap is printed and the exit code is 99; a second SIGINT
// aborts at once. Over SSH (lab hosts) and the local connection; the process must exit by itself.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSharedLab } from '../../support/lab-fixture.js';
import { cameTrue, isRunningArgv, spawnCli } from './fault-tools.js';
import { localSleeps } from '../../support/local-processes.js';

const playbook = (nap: string): string => `- hosts: all
  gather_facts: false
  tasks:
    - name: nap
      command: sleep ${nap}
    - name: next
      debug: {msg: must not start}
`;

interface Kind {
  readonly name: string;
  readonly args: () => string[];
  readonly sleeping: (arg: string) => boolean;
}

describe('lab faults: Ctrl-C during a run', function () {
  const lab = useSharedLab(this, 2);
  this.timeout(90_000);

  const kinds: Kind[] = [
    { name: 'local', args: () => ['-i', 'a,b,', '-e', 'ansible_connection=local'], sleeping: (arg) => localSleeps(arg) === 2 },
    { name: 'ssh', args: () => ['-i', lab.info().inventoryPath], sleeping: (arg) => ['master', 'worker1'].every((h) => isRunningArgv(lab.info(), h, ['sleep', arg])) },
  ];

  for (const kind of kinds) {
    const start = (nap: string): ReturnType<typeof spawnCli> => {
      const dir = mkdtempSync(join(tmpdir(), 'deckhand-int-'));
      writeFileSync(join(dir, 'playbook.yml'), playbook(nap));
      return spawnCli(['run', 'playbook.yml', ...kind.args()], dir);
    };

    it(`${kind.name}: a task that ends within the grace period finishes and is reported; the next never starts; exit 99`, async () => {
      const cli = start('3.01');
      assert.ok(await cameTrue(() => kind.sleeping('3.01'), 20_000), cli.stderr());
      const sentAt = Date.now();
      cli.signal('SIGINT');
      const end = await cli.exited(15_000);
      const out = cli.stdout();
      assert.equal(end.code, 99, out + cli.stderr());
      // Below the 10 s grace period: the run ended when the 3 s task did, not when the grace ran out.
      assert.ok(end.at - sentAt < 9_500, `exited ${end.at - sentAt} ms after SIGINT`);
      assert.match(out, /interrupted: no new tasks start; waiting up to 10 s/);
      assert.match(out, /changed: \[(a|master)\]/);
      assert.doesNotMatch(out, /TASK \[next\]/);
      assert.match(out, /PLAY RECAP/);
      assert.match(out, /(a|master)\s+: ok=1\s+changed=1/);
    });

    it(`${kind.name}: a task longer than the grace period: the run stops waiting after 10 s, prints the recap, exits 99`, async () => {
      const cli = start('30.02');
      assert.ok(await cameTrue(() => kind.sleeping('30.02'), 20_000), cli.stderr());
      const sentAt = Date.now();
      cli.signal('SIGINT');
      const end = await cli.exited(40_000);
      const waited = end.at - sentAt;
      console.log(`      (exited ${(waited / 1000).toFixed(1)} s after SIGINT)`);
      assert.equal(end.code, 99, cli.stdout() + cli.stderr());
      // It waited out the grace period (timers never fire early), and then stopped rather than hang.
      assert.ok(waited >= 9_500 && waited < 30_000, `exited ${waited} ms after SIGINT`);
      assert.match(cli.stdout(), /PLAY RECAP/);
      assert.doesNotMatch(cli.stdout(), /TASK \[next\]/);
      // Local commands are killed; over SSH a command that does not write keeps running on the
      // host until it ends (OpenSSH refuses signals for root logins: docs/connections.md).
      if (kind.name === 'local') assert.ok(await cameTrue(() => localSleeps('30.02') === 0, 3_000), 'local commands were left running');
    });

    it(`${kind.name}: a second SIGINT aborts at once with 99`, async () => {
      const cli = start('30.03');
      assert.ok(await cameTrue(() => kind.sleeping('30.03'), 20_000), cli.stderr());
      cli.signal('SIGINT');
      assert.ok(await cameTrue(() => /interrupted: no new tasks start/.test(cli.stdout()), 20_000), cli.stdout() + cli.stderr());
      const sentAt = Date.now();
      cli.signal('SIGINT');
      const end = await cli.exited(10_000);
      console.log(`      (exited ${end.at - sentAt} ms after the second SIGINT)`);
      assert.equal(end.code, 99, cli.stdout() + cli.stderr());
      // Far below the 10 s grace the first SIGINT gave: the second one ended the run itself.
      assert.ok(end.at - sentAt < 8_000, `exited ${end.at - sentAt} ms after the second SIGINT`);
      assert.match(cli.stdout(), /interrupted again: aborting now/);
      if (kind.name === 'local') assert.ok(await cameTrue(() => localSleeps('30.03') === 0, 3_000), 'local commands were left running');
    });
  }
});
