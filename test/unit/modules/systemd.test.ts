import assert from 'node:assert/strict';
import { decideUnit, parseShow, systemd, type SystemdArgs } from '../../../engine/modules/systemd.js';
import { fakeConnection } from './support/fake-connection.js';
import { makeCtx, runTask } from './support/harness.js';

const show = (active: string, enabled: string, extra = ''): string =>
  `Id=containerd.service\nLoadState=loaded\nActiveState=${active}\nSubState=running\nUnitFileState=${enabled}\nNeedDaemonReload=no\n${extra}IsEnabled=${enabled}\n`;

describe('modules/systemd', () => {
  it('parses systemctl show', () => assert.deepEqual(parseShow('A=1\nB=x=y\n\n'), { A: '1', B: 'x=y' }));

  // [args, ActiveState, is-enabled, actions]
  const table: [SystemdArgs, string, string, string[]][] = [
    [{ state: 'started' }, 'active', 'enabled', []],
    [{ state: 'started' }, 'inactive', 'enabled', ['start']],
    [{ state: 'started' }, 'activating', 'enabled', []],
    [{ state: 'stopped' }, 'active', 'enabled', ['stop']],
    [{ state: 'stopped' }, 'failed', 'enabled', []],
    [{ state: 'restarted' }, 'active', 'enabled', ['restart']],
    [{ state: 'reloaded' }, 'active', 'enabled', ['reload']],
    [{ state: 'reloaded' }, 'inactive', 'enabled', ['start']],
    [{ enabled: true }, 'active', 'disabled', ['enable']],
    [{ enabled: true }, 'active', 'static', []],
    [{ enabled: false }, 'active', 'enabled', ['disable']],
    [{ enabled: false }, 'active', 'static', []],
    [{ enabled: true, state: 'started' }, 'inactive', 'disabled', ['enable', 'start']],
    [{ masked: false, enabled: true, state: 'started' }, 'inactive', 'masked', ['unmask', 'enable', 'start']],
    [{ masked: true, state: 'stopped' }, 'active', 'enabled', ['stop', 'mask']],
  ];
  for (const [args, active, enabled, actions] of table) {
    it(`${JSON.stringify(args)} on ${active}/${enabled} → ${actions.join(',') || 'nothing'}`, () => {
      assert.deepEqual(decideUnit(args, parseShow(show(active, enabled))).actions, actions);
    });
  }

  it('a missing unit is an error, except in check mode', async () => {
    const notFound = 'Id=nope.service\nLoadState=not-found\nActiveState=inactive\nIsEnabled=\n';
    const conn = fakeConnection([{ match: ['systemctl'], result: { stdout: notFound } }]);
    const real = await runTask(systemd, { name: 'nope', state: 'started' }, makeCtx(conn));
    assert.equal(real.result.failed, true);
    assert.match(real.result.msg ?? '', /Could not find the requested service nope/);
    const check = await runTask(systemd, { name: 'nope', state: 'started' }, makeCtx(conn, { check: true }));
    assert.equal(check.result.changed, true);
  });

  it('runs enable and start in one round trip after one query', async () => {
    const conn = fakeConnection([
      { match: ['for a in'], result: { stdout: show('active', 'enabled') } },
      { match: ['is-enabled'], result: { stdout: show('inactive', 'disabled') } },
    ]);
    const r = await runTask(systemd, { name: 'containerd', state: 'started', enabled: true }, makeCtx(conn));
    assert.equal(r.result.changed, true);
    assert.equal(conn.calls.length, 2);
    assert.deepEqual(conn.calls[1]?.argv.slice(4), ['system', '', 'containerd', 'enable', 'start']);
    assert.equal((r.result.data?.['status'] as Record<string, string>)['ActiveState'], 'active');
  });

  it('daemon_reload runs when the unit needs it, then decides again', async () => {
    const stale = show('active', 'enabled').replace('NeedDaemonReload=no', 'NeedDaemonReload=yes');
    let queries = 0;
    const conn = fakeConnection([
      { match: ['for a in'], result: { stdout: show('active', 'enabled') } },
      { match: /is-enabled/, result: { stdout: stale } },
    ]);
    const r = await runTask(systemd, { name: 'kubelet', daemon_reload: true, state: 'restarted' }, makeCtx(conn));
    queries = conn.calls.filter((c) => c.argv.join(' ').includes('is-enabled')).length;
    assert.equal(r.result.changed, true);
    assert.equal(queries, 2);
    assert.deepEqual(conn.calls[1]?.argv.slice(4), ['system', '', '', 'daemon-reload']);
    assert.deepEqual(conn.calls[3]?.argv.slice(4), ['system', '', 'kubelet', 'restart']);
  });

  it('daemon_reload alone is not counted as a change', async () => {
    const conn = fakeConnection([{ match: ['systemctl'], result: { stdout: '' } }]);
    const r = await runTask(systemd, { daemon_reload: true }, makeCtx(conn));
    assert.equal(r.result.changed, false);
    assert.ok(conn.calls[1]?.argv.includes('daemon-reload'));
  });

  it('is also registered as service', () => assert.deepEqual(systemd.aliases, ['service', 'systemd_service']));
});
