import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { modprobe, parseLoaded } from '../../../engine/modules/modprobe.js';
import { fakeConnection, probeOutput } from './support/fake-connection.js';
import { makeCtx, runTask } from './support/harness.js';

const LSMOD = `Module                  Size  Used by
overlay               151552  0
br_netfilter           32768  0
bridge                307200  1 br_netfilter
`;
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const present = (hash: string): string => probeOutput({ sha256: hash });

interface Row {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly lsmod: string;
  readonly probes?: string;
  readonly changed: boolean;
  /** What apply runs, as joined argv prefixes. */
  readonly runs?: readonly string[];
}

const rows: Row[] = [
  { name: 'loaded module, nothing persistent: no change', args: { name: 'overlay' }, lsmod: LSMOD, changed: false },
  { name: 'dash and underscore spellings are one module', args: { name: 'br-netfilter' }, lsmod: LSMOD, changed: false },
  { name: 'missing module gets loaded', args: { name: 'vxlan' }, lsmod: LSMOD, changed: true, runs: ['modprobe vxlan'] },
  { name: 'params are passed to modprobe', args: { name: 'nbd', params: 'max_part=8' }, lsmod: LSMOD, changed: true, runs: ['modprobe nbd max_part=8'] },
  { name: 'absent unloads a loaded module', args: { name: 'overlay', state: 'absent' }, lsmod: LSMOD, changed: true, runs: ['modprobe -r overlay'] },
  { name: 'absent and not loaded: no change', args: { name: 'vxlan', state: 'absent' }, lsmod: LSMOD, changed: false },
  {
    name: 'persistent file already right',
    args: { name: 'overlay', persistent: 'present' },
    lsmod: LSMOD,
    probes: `${present(sha('overlay\n'))}absent\n`,
    changed: false,
  },
  {
    name: 'persistent file missing is written',
    args: { name: 'overlay', persistent: 'present' },
    lsmod: LSMOD,
    probes: 'absent\nabsent\n',
    changed: true,
    runs: ['write_file'],
  },
  {
    name: 'persistent absent removes our files',
    args: { name: 'overlay', persistent: 'absent' },
    lsmod: LSMOD,
    probes: `${present(sha('overlay\n'))}absent\n`,
    changed: true,
    runs: ['rm -f -- /etc/modules-load.d/overlay.conf'],
  },
  { name: '/proc/modules format (no header) works too', args: { name: 'overlay' }, lsmod: 'overlay 151552 0 - Live 0x0\n', changed: false },
];

describe('modules/modprobe', () => {
  it('parses lsmod and /proc/modules', () => {
    assert.deepEqual([...parseLoaded(LSMOD)], ['overlay', 'br_netfilter', 'bridge']);
  });
  for (const row of rows) {
    it(row.name, async () => {
      const conn = fakeConnection([
        { match: ['lsmod'], result: { stdout: `${row.lsmod}builtin 0\n@@probes\n${row.probes ?? ''}` } },
        { match: /./, result: { stdout: `backup\t\n${probeOutput({})}` } },
      ]);
      const checked = await runTask(modprobe, row.args, makeCtx(conn, { check: true }));
      assert.equal(checked.result.changed, row.changed);
      assert.equal(conn.calls.length, 1, 'check is one round trip');
      if (!row.changed) return;
      const ran = await runTask(modprobe, row.args, makeCtx(conn));
      assert.equal(ran.result.failed, undefined, ran.result.msg);
      const applied = conn.calls.slice(2).map((c) => c.argv.join(' '));
      for (const want of row.runs ?? []) assert.ok(applied.some((a) => a.includes(want)), `${want} in ${applied.join(' | ')}`);
    });
  }
  it('refuses an invalid name without asking the host', async () => {
    const conn = fakeConnection([]);
    const r = await runTask(modprobe, { name: 'x; reboot' }, makeCtx(conn));
    assert.equal(r.result.failed, true);
    assert.equal(conn.calls.length, 0);
  });
});
