// A host's connection from its variables; the controller's defaults fill in only what they leave out.
import { strict as assert } from 'node:assert';
import { connectionSpec } from '../../../engine/run/connection-settings.js';
import type { ControllerDefaults } from '../../../engine/run/run-settings.js';

function ssh(vars: Record<string, unknown>, controller: ControllerDefaults): { user: string; hostKeyChecking: boolean } {
  const s = connectionSpec('h', vars, controller);
  assert.equal(s.kind, 'ssh');
  if (s.kind !== 'ssh') throw new Error('not ssh');
  return { user: s.target.user, hostKeyChecking: s.target.hostKeyChecking };
}

describe('run/connection-settings', () => {
  const cases: { name: string; vars: Record<string, unknown>; controller: ControllerDefaults; want: { user: string; hostKeyChecking: boolean } }[] = [
    { name: 'nothing set: root, checking on', vars: {}, controller: {}, want: { user: 'root', hostKeyChecking: true } },
    { name: 'the controller user', vars: {}, controller: { user: 'ops' }, want: { user: 'ops', hostKeyChecking: true } },
    { name: 'ansible_user wins over the controller user', vars: { ansible_user: 'deploy' }, controller: { user: 'ops' }, want: { user: 'deploy', hostKeyChecking: true } },
    { name: 'the controller turns checking off', vars: {}, controller: { hostKeyChecking: 'False' }, want: { user: 'root', hostKeyChecking: false } },
    { name: 'a typo keeps checking on', vars: {}, controller: { hostKeyChecking: 'flase' }, want: { user: 'root', hostKeyChecking: true } },
    { name: 'a host variable wins over the controller', vars: { host_key_checking: true }, controller: { hostKeyChecking: 'False' }, want: { user: 'root', hostKeyChecking: true } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(ssh(c.vars, c.controller), c.want);
    });
  }

  it('ansible_connection: local needs no controller defaults', () => {
    assert.deepEqual(connectionSpec('h', { ansible_connection: 'local' }, { user: 'ops' }), { kind: 'local', host: 'h' });
  });
});
