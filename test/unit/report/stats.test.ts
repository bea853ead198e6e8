import { strict as assert } from 'node:assert';
import type { HostResult, HostStats } from '../../../engine/report/events.js';
import { Recap } from '../../../engine/report/stats.js';

const r = (status: HostResult['status'], changed: boolean, ignored = false): HostResult => ({
  host: 'h',
  status,
  changed,
  durationMs: 1,
  data: {},
  ...(ignored ? { ignored: true } : {}),
});

// Ansible's counting: ok includes changed; ignored failures are ok + ignored (+ changed).
const cases: { name: string; results: HostResult[]; rescued?: boolean; expect: Partial<HostStats> }[] = [
  { name: 'ok', results: [r('ok', false)], expect: { ok: 1, changed: 0 } },
  { name: 'changed counts as ok too', results: [r('changed', true)], expect: { ok: 1, changed: 1 } },
  { name: 'skipped', results: [r('skipped', false)], expect: { ok: 0, skipped: 1 } },
  { name: 'failed', results: [r('failed', true)], expect: { failed: 1, changed: 0, ok: 0 } },
  { name: 'ignored failure that changed', results: [r('failed', true, true)], expect: { ok: 1, ignored: 1, changed: 1, failed: 0 } },
  { name: 'ignored failure, no change', results: [r('failed', false, true)], expect: { ok: 1, ignored: 1, changed: 0 } },
  { name: 'unreachable', results: [r('unreachable', false)], expect: { unreachable: 1 } },
  { name: 'rescued failure', results: [r('failed', false)], rescued: true, expect: { failed: 0, rescued: 1 } },
];

describe('report/stats: PLAY RECAP counting', () => {
  for (const c of cases) {
    it(c.name, () => {
      const recap = new Recap();
      for (const x of c.results) recap.count(x);
      if (c.rescued) recap.rescued('h');
      const s = recap.stats.get('h');
      for (const [k, v] of Object.entries(c.expect)) assert.equal(s?.[k as keyof HostStats], v, k);
    });
  }
});
