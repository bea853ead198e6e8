import assert from 'node:assert/strict';
import { changedTasks, checkConverged, checkIdempotent, parseReport, recapLine, type HostStats, type RunReport } from '../../../lab/vagrant/run-report.js';

const HOSTS = ['master', 'worker1', 'worker2'];
const stats = (over: Partial<HostStats> = {}): HostStats => ({ ok: 20, changed: 0, unreachable: 0, failed: 0, skipped: 3, rescued: 0, ignored: 0, ...over });
const report = (per: Record<string, HostStats>, results: unknown[] = []): RunReport => ({ stats: per, results });
const allHosts = (s: HostStats) => Object.fromEntries(HOSTS.map((h) => [h, s]));

describe('deckhand run report', () => {
  it('parses the stats and results of a report', () => {
    const text = JSON.stringify({ stats: allHosts(stats()), results: [{ host: 'master', task: 'x', changed: false }] });
    const parsed = parseReport(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.report.stats['worker2'], stats());
    assert.equal(parsed.report.results.length, 1);
  });

  const malformed = [
    { name: 'text that is not JSON', text: '{"stats":', error: /not JSON/ },
    { name: 'no stats', text: '{"results":[]}', error: /no "stats"/ },
    { name: 'a count missing', text: JSON.stringify({ stats: { master: { ok: 1 } } }), error: /stats\.master\.changed/ },
    { name: 'a negative count', text: JSON.stringify({ stats: { master: stats({ failed: -1 }) } }), error: /stats\.master\.failed/ },
    { name: 'stats for a host that are not an object', text: JSON.stringify({ stats: { master: 3 } }), error: /stats\.master is not an object/ },
  ];
  for (const c of malformed) {
    it(`rejects ${c.name}`, () => {
      const parsed = parseReport(c.text);
      assert.ok(!parsed.ok);
      assert.match(parsed.error, c.error);
    });
  }

  const idempotence = [
    { name: 'passes when nothing changed anywhere', stats: allHosts(stats()), want: [] },
    {
      name: 'fails on the host that changed',
      stats: { ...allHosts(stats()), worker2: stats({ changed: 2 }) },
      want: [{ node: 'worker2', message: /changed=2 on the second run/ }],
    },
    {
      name: 'fails on every host that changed',
      stats: { master: stats({ changed: 1 }), worker1: stats({ changed: 4 }), worker2: stats() },
      want: [{ node: 'master', message: /changed=1/ }, { node: 'worker1', message: /changed=4/ }],
    },
    {
      name: 'fails on a failed host even with changed=0',
      stats: { ...allHosts(stats()), worker1: stats({ failed: 1 }) },
      want: [{ node: 'worker1', message: /^failed: worker1 : ok=20 changed=0 unreachable=0 failed=1/ }],
    },
    {
      name: 'fails on an unreachable host',
      stats: { ...allHosts(stats()), master: stats({ unreachable: 1, ok: 0 }) },
      want: [{ node: 'master', message: /^unreachable:/ }],
    },
    {
      name: 'fails on a host missing from the report',
      stats: { master: stats(), worker1: stats() },
      want: [{ node: 'worker2', message: /not in the report/ }],
    },
  ];
  for (const c of idempotence) {
    it(`idempotence ${c.name}`, () => {
      const problems = checkIdempotent(report(c.stats), HOSTS);
      assert.equal(problems.length, c.want.length, JSON.stringify(problems));
      c.want.forEach((w, i) => {
        assert.equal(problems[i]?.node, w.node);
        assert.match(problems[i]?.message ?? '', w.message);
      });
    });
  }

  it('names the tasks that changed, in the idempotence failure', () => {
    const results = [
      { host: 'worker1', task: 'containerd config', role: 'docker', status: 'ok', changed: true },
      { host: 'worker1', task: { name: 'restart kubelet' }, status: 'changed' },
      { host: 'worker1', task: 'swap off', changed: false },
      { host: 'master', task: 'kubeadm init', changed: true },
      'not an object',
    ];
    const r = report({ ...allHosts(stats()), worker1: stats({ changed: 2 }) }, results);
    assert.deepEqual(changedTasks(r, 'worker1'), ['docker: containerd config', 'restart kubelet']);
    assert.match(checkIdempotent(r, HOSTS)[0]?.message ?? '', /changed=2 on the second run: docker: containerd config; restart kubelet$/);
  });

  it('accepts changes on the first run (converge only needs no failures)', () => {
    assert.deepEqual(checkConverged(report(allHosts(stats({ changed: 30 }))), HOSTS), []);
  });

  it('prints a recap line like Ansible', () => {
    assert.equal(recapLine('master', stats()), 'master : ok=20 changed=0 unreachable=0 failed=0 skipped=3 rescued=0 ignored=0');
  });
});
