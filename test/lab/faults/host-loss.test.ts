// A host lost in the middle of a task: its sshd killed, its link taken down, or an address that
// accepts TCP and never speaks SSH. That host is UNREACHABLE within the stated bound, the others
// finish, the run exits 4 with no uncaught exception, and nothing is left open afterwards.
//
// Bounds: keepalive every 3 s, 3 unanswered → a silent host is dropped in ~12 s; we allow 15 s.
// A killed sshd closes its TCP connections, so that is noticed at once (allowed: 5 s).
// A listener that never speaks SSH fails after ansible_timeout (3 s here; allowed: 3 + 2 s).
import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import { useLab } from '../../support/lab-fixture.js';
import { activeResources, sleep, inventoryWith, isRunning, leakedResources, linkDown, linkUp, resultsOf, runTimed, sshdPid, cameTrue } from './fault-tools.js';

const NAP = `- hosts: all
  gather_facts: false
  tasks:
    - name: nap
      command: sleep {{ nap }}
    - name: after
      command: "true"
`;

interface Watch {
  readonly uncaught: unknown[];
  stop(): void;
}

function watchProcess(): Watch {
  const uncaught: unknown[] = [];
  const onError = (e: unknown): void => {
    uncaught.push(e);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    uncaught,
    stop: () => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}

describe('lab faults: a host lost mid-run', function () {
  // Its own lab: it takes links down and kills hosts' sshd (PID 1), which ends those hosts.
  const lab = useLab(this, { tag: 'fl', hosts: 4 });
  this.timeout(120_000);

  // Bounds far above normal (0 s and 12 s) and below the 30 s the sleep takes: the fault, not the
  // command's end, made the host unreachable, on a loaded machine too.
  const losses: { name: string; victim: string; boundMs: number; inflict: (victim: string) => void; heal?: (victim: string) => void }[] = [
    { name: 'sshd killed (kill -9 of PID 1 of the host)', victim: 'worker1', boundMs: 15_000, inflict: (v) => process.kill(sshdPid(lab.info(), v), 'SIGKILL') },
    { name: 'link down (ip link set eth0 down in the host)', victim: 'worker2', boundMs: 25_000, inflict: (v) => linkDown(lab.info(), v), heal: (v) => linkUp(lab.info(), v) },
  ];
  for (const loss of losses) {
    it(`${loss.name} during \`sleep 30\`: UNREACHABLE within ${loss.boundMs / 1000} s, the others finish, exit 4, nothing left open`, async () => {
      const info = lab.info();
      const inv = inventoryWith(info, `loss-${loss.victim}.yml`, { master: { nap: 3 }, worker3: { nap: 3 }, [loss.victim]: { nap: 30 } });
      await sleep(10);
      const baseline = activeResources();
      const watch = watchProcess();
      let lostAt = 0;
      try {
        const running = runTimed(NAP, inv, ['--limit', `master,worker3,${loss.victim}`]);
        assert.ok(await cameTrue(() => isRunning(info, loss.victim, 'sleep'), 15_000), 'the sleep never started on the victim');
        lostAt = Date.now();
        loss.inflict(loss.victim);
        const run = await running;
        const results = resultsOf(run);
        const lost = results.find((r) => r.host === loss.victim && r.task === 'nap');
        assert.equal(lost?.status, 'unreachable', run.console);
        const seconds = Math.max(0, (lost?.doneAt ?? 0) - lostAt) / 1000;
        console.log(`      (${loss.victim} UNREACHABLE ${seconds.toFixed(1)} s after the fault)`);
        assert.ok(seconds * 1000 <= loss.boundMs, `unreachable after ${seconds} s`);
        assert.deepEqual(results.filter((r) => r.host !== loss.victim).map((r) => `${r.task}:${r.host}:${r.status}`), ['nap:master:changed', 'nap:worker3:changed', 'after:master:changed', 'after:worker3:changed']);
        assert.equal(run.code, 4);
        assert.match(run.console, new RegExp(`${loss.victim}\\s+: ok=0\\s+changed=0\\s+unreachable=1`));
        assert.deepEqual(watch.uncaught, []);
        assert.ok(await cameTrue(() => Object.keys(leakedResources(baseline)).length === 0, 3_000), `left open: ${JSON.stringify(leakedResources(baseline))}`);
      } finally {
        watch.stop();
        loss.heal?.(loss.victim);
      }
    });
  }

  it('a listener that accepts TCP but never speaks SSH: UNREACHABLE within the connect timeout', async () => {
    const info = lab.info();
    const sockets = new Set<Socket>();
    const server: Server = createServer((s) => {
      s.resume(); // read and drop what the client sends, so its hang-up is seen
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, info.gateway, r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await sleep(10);
    const baseline = activeResources();
    try {
      const inv = inventoryWith(info, 'silent.yml', { master: { nap: 1 }, worker3: { nap: 1, ansible_host: info.gateway, ansible_port: port, ansible_timeout: 3 } });
      const run = await runTimed(NAP, inv, ['--limit', 'master,worker3']);
      const results = resultsOf(run);
      const silent = results.find((r) => r.host === 'worker3');
      assert.equal(silent?.status, 'unreachable', run.console);
      // The connect starts with the task (the first on this host).
      const seconds = (silent?.durationMs ?? 0) / 1000;
      console.log(`      (silent listener UNREACHABLE ${seconds.toFixed(1)} s into the task; ansible_timeout 3 s)`);
      assert.ok(seconds >= 3 && seconds <= 5, `after ${seconds} s`);
      assert.match(silent?.msg ?? '', /no SSH session .* within 3000 ms/);
      assert.deepEqual(results.filter((r) => r.host === 'master').map((r) => r.status), ['changed', 'changed']);
      assert.equal(run.code, 4);
      // deckhand hung up on the silent server.
      assert.ok(await cameTrue(() => sockets.size === 0, 3_000), 'the connection to the silent listener is still open');
      assert.ok(await cameTrue(() => Object.keys(leakedResources(baseline)).length === 0, 3_000), `left open: ${JSON.stringify(leakedResources(baseline))}`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
