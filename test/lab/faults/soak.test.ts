// 500 runs in one process, each a connect/exec/close cycle against a lab host, and 100 against a
// refused port: afterwards the process has the file descriptors, event-loop resources and SIGINT
// listeners it started with, and the host has no SSH session left.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { main } from '../../../engine/cli/main.js';
import { captureIo } from '../../support/capture-io.js';
import { useSharedLab } from '../../support/lab-fixture.js';
import { activeResources, inventoryWith, leakedResources, sleep, sshSessions, cameTrue } from './fault-tools.js';

const openFds = (): number => readdirSync('/proc/self/fd').length;

const ONE_TASK = `- hosts: all
  gather_facts: false
  tasks:
    - command: "true"
`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMiB = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('lab faults: connect/exec/close soak', function () {
  const lab = useSharedLab(this, 1);
  this.timeout(600_000);

  it('500 runs against a host and 100 against a refused port leave no fds, handles or sessions', async () => {
    const info = lab.info();
    const refused = inventoryWith(info, 'refused.yml', { master: { ansible_port: 1 } });
    const dir = mkdtempSync(join(tmpdir(), 'deckhand-soak-'));
    writeFileSync(join(dir, 'playbook.yml'), ONE_TASK);
    const run = async (inventory: string): Promise<number> => {
      const io = captureIo(dir);
      const code = await main(['run', 'playbook.yml', '-i', inventory], io);
      return code;
    };
    // One run first: modules load lazily, and their one-time handles are not leaks.
    assert.equal(await run(info.inventoryPath), 0);
    await sleep(10);
    const fds = openFds();
    const resources = activeResources();
    const sigint = process.listenerCount('SIGINT');
    const heap = heapMiB();
    const started = Date.now();
    for (let i = 0; i < 500; i++) assert.equal(await run(info.inventoryPath), 0, `run ${i}`);
    const perRun = (Date.now() - started) / 500;
    for (let i = 0; i < 100; i++) assert.equal(await run(refused), 4);
    rmSync(dir, { recursive: true, force: true });
    assert.ok(await cameTrue(() => sshSessions(info, 'master') === 0, 5_000), `sessions left: ${sshSessions(info, 'master')}`);
    assert.ok(await cameTrue(() => openFds() <= fds + 2, 5_000), `fds: ${fds} before, ${openFds()} after`);
    assert.ok(await cameTrue(() => Object.keys(leakedResources(resources)).length === 0, 5_000), `left open: ${JSON.stringify(leakedResources(resources))}`);
    assert.equal(process.listenerCount('SIGINT'), sigint);
    const grown = heapMiB() - heap;
    console.log(`      (${perRun.toFixed(0)} ms per run; fds ${fds} → ${openFds()}; heap after GC ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MiB; sessions ${sshSessions(info, 'master')})`);
    assert.ok(grown < 8, `heap grew by ${grown.toFixed(1)} MiB over 600 runs`);
  });
});
