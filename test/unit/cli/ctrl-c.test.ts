// Ctrl-C through the CLI: the SIGINT listener `deckhand run` installs is called directly (emitting
// SIGINT would reach mocha's too). A first Ctrl-C still gives the recap and the report, exit 99,
// and the listener is gone afterwards. A second one exits the process: test/lab/faults/ covers it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLocal } from '../run/run-local.js';
import { localSleeps } from '../../support/local-processes.js';
import { waitFor } from '../../support/wait-for.js';

describe('cli/ctrl-c', function () {
  this.timeout(60_000);

  it('the first Ctrl-C: notice, recap, report written, exit 99; no listener left', async () => {
    const before = new Set(process.listeners('SIGINT'));
    const running = runLocal(`- hosts: all\n  gather_facts: false\n  tasks:\n    - name: nap\n      command: sleep 1.13\n    - name: next\n      command: "true"\n`, {
      hosts: ['a'],
      args: ['--report', 'report.json'],
    });
    const listener = await waitFor(() => (localSleeps('1.13') === 1 ? process.listeners('SIGINT').find((l) => !before.has(l)) : undefined), {
      timeoutMs: 20_000,
      what: "the run's SIGINT listener while the nap runs",
    });
    (listener as () => void)();
    const r = await running;
    assert.equal(r.code, 99, r.console);
    assert.match(r.console, /interrupted: no new tasks start; waiting up to 10 s/);
    assert.match(r.console, /PLAY RECAP/);
    assert.doesNotMatch(r.console, /TASK \[next\]/);
    const report = JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')) as { exit_code: number; stats: Record<string, { changed: number }> };
    assert.equal(report.exit_code, 99);
    assert.equal(report.stats['a']?.changed, 1);
    assert.deepEqual(process.listeners('SIGINT').filter((l) => !before.has(l)), []);
  });
});
