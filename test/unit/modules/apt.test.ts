import assert from 'node:assert/strict';
import { apt, cacheIsStale, parseAptProbe } from '../../../engine/modules/apt.js';
import {
  decideApt, parseDpkgQuery, parseMadison, parseSimulation, parseSpec, parseSummary, versionMatches, type PackageSpec,
} from '../../../engine/modules/support/apt-parse.js';
import { fakeConnection, type Rule } from './support/fake-connection.js';
import { makeCtx, runTask } from './support/harness.js';

const DPKG = [
  'kubelet\thold ok installed\t1.33.2-1.1',
  'curl\tinstall ok installed\t8.5.0-2ubuntu10',
  'nano\tdeinstall ok config-files\t7.2-1',
  'vim\tunknown ok not-installed\t',
].join('\n');

const spec = (s: string): PackageSpec => {
  const p = parseSpec(s);
  if ('error' in p) throw new Error(p.error);
  return p;
};

describe('modules/apt', () => {
  describe('parsers', () => {
    it('reads dpkg-query: only "installed" counts', () => {
      const m = parseDpkgQuery(DPKG);
      assert.deepEqual([...m.keys()], ['kubelet', 'curl']);
      assert.deepEqual(m.get('kubelet'), { version: '1.33.2-1.1', want: 'hold' });
    });
    const specs: [string, unknown][] = [
      ['curl', { spec: 'curl', name: 'curl' }],
      ['kubelet=1.33.*', { spec: 'kubelet=1.33.*', name: 'kubelet', version: '1.33.*' }],
      ['libc6:amd64', { spec: 'libc6:amd64', name: 'libc6:amd64' }],
      ['-oops', { error: "invalid package name '-oops'" }],
      ['x=1 2', { error: "invalid version '1 2' for x" }],
    ];
    for (const [s, want] of specs) it(`parses spec ${s}`, () => assert.deepEqual(parseSpec(s), want));
    const versions: [string, string, boolean][] = [
      ['1.33.2-1.1', '1.33.*', true],
      ['1.34.0-1.1', '1.33.*', false],
      ['1.33.2-1.1', '1.33.2-1.1', true],
    ];
    for (const [v, p, want] of versions) it(`version ${v} matches ${p}: ${want}`, () => assert.equal(versionMatches(v, p), want));
    it('reads madison, summaries and simulations', () => {
      assert.deepEqual(parseMadison('   kubeadm | 1.33.3-1.1 | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages\n   kubeadm | 1.33.2-1.1 | https://x Packages\n'), ['1.33.3-1.1', '1.33.2-1.1']);
      assert.deepEqual(parseSummary('...\n1 upgraded, 2 newly installed, 0 to remove and 7 not upgraded.\n'), { upgraded: 1, installed: 2, removed: 0 });
      assert.equal(parseSummary('nothing'), undefined);
      assert.deepEqual(parseSimulation('NOTE: This is only a simulation!\nInst curl [8.5.0] (8.5.1 Ubuntu:24.04)\nConf curl (8.5.1)\n'), { inst: ['curl'], remv: [] });
      assert.deepEqual(parseAptProbe('mtime 1700000000\nnow 1700003600\n@@dpkg\nx\n'), { mtime: 1700000000, now: 1700003600, dpkg: 'x\n' });
    });
  });

  describe('decisions', () => {
    const installed = parseDpkgQuery(DPKG);
    const table: [string, string[], 'present' | 'absent' | 'latest', string[], string[], boolean][] = [
      ['present and installed', ['curl'], 'present', [], [], false],
      ['present, one missing', ['curl', 'vim'], 'present', ['vim'], [], false],
      ['config-files only counts as missing', ['nano'], 'present', ['nano'], [], false],
      ['pinned glob matches the installed version', ['kubelet=1.33.*'], 'present', [], [], false],
      ['pinned glob does not match', ['kubelet=1.34.*'], 'present', ['kubelet=1.34.*'], [], false],
      ['absent removes installed ones only', ['curl', 'vim'], 'absent', [], ['curl'], false],
      ['latest with all installed needs apt to decide', ['curl'], 'latest', [], [], true],
    ];
    for (const [name, names, state, install, remove, upgradeCheck] of table) {
      it(name, () => {
        const d = decideApt(names.map(spec), installed, state);
        assert.deepEqual(d.install.map((s) => s.spec), install);
        assert.deepEqual(d.remove.map((s) => s.spec), remove);
        assert.equal(d.needsUpgradeCheck, upgradeCheck);
      });
    }
    const cache: [boolean, number | undefined, number | undefined, number, boolean][] = [
      [false, undefined, 0, 100, false],
      [true, undefined, 90, 100, true],
      [true, 3600, 1000, 2000, false],
      [true, 3600, 1000, 9000, true],
      [true, 3600, undefined, 9000, true],
    ];
    for (const [u, valid, mtime, now, stale] of cache) it(`cache update=${u} valid=${valid} age=${mtime === undefined ? '?' : now - mtime} → stale=${stale}`, () => assert.equal(cacheIsStale(u, valid, mtime, now), stale));
  });

  describe('module runs against a scripted host', () => {
    const probe = (mtime: number, now: number): Rule => ({ match: ['dpkg-query'], result: { stdout: `mtime ${mtime}\nnow ${now}\n@@dpkg\n${DPKG}\n` } });
    const ok: Rule = { match: /^apt-get (install|remove|update)/, result: { stdout: '1 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n' } };

    it('installs only what is missing, noninteractively, with one probe', async () => {
      const conn = fakeConnection([probe(1000, 1100), ok]);
      const r = await runTask(apt, { name: ['curl', 'vim'], install_recommends: false }, makeCtx(conn));
      assert.equal(r.result.changed, true);
      const install = conn.calls[1];
      assert.deepEqual(install?.argv.slice(0, 2), ['apt-get', 'install']);
      assert.equal(install?.argv.at(-1), 'vim');
      assert.ok(install?.argv.includes('--no-install-recommends'));
      assert.equal(install?.opts?.env?.['DEBIAN_FRONTEND'], 'noninteractive');
      assert.equal(conn.calls.length, 2);
    });

    it('installed packages with a fresh cache: one probe, no apt-get', async () => {
      const conn = fakeConnection([probe(1000, 1100)]);
      const r = await runTask(apt, { name: 'curl,kubelet=1.33.*', update_cache: true, cache_valid_time: 3600 }, makeCtx(conn));
      assert.equal(r.result.changed, false);
      assert.equal(conn.calls.length, 1);
    });

    it('a stale cache is updated before installing, and glob pins resolve through madison', async () => {
      const conn = fakeConnection([
        probe(1000, 99999),
        { match: ['apt-cache', 'madison'], result: { stdout: ' kubeadm | 1.33.3-1.1 | u Packages\n kubeadm | 1.33.2-1.1 | u Packages\n' } },
        ok,
      ]);
      const r = await runTask(apt, { name: ['kubeadm=1.33.*'], update_cache: true, cache_valid_time: 3600 }, makeCtx(conn));
      assert.equal(r.result.changed, true);
      const argvs = conn.calls.map((c) => c.argv.join(' '));
      assert.match(argvs[1] ?? '', /^apt-get update/);
      assert.match(argvs[3] ?? '', /^apt-get install .* kubeadm=1\.33\.3-1\.1$/);
      assert.equal(r.result.data?.['cache_updated'], true);
    });

    it('update_cache alone is a change only when the cache is stale', async () => {
      const fresh = await runTask(apt, { update_cache: true, cache_valid_time: 3600 }, makeCtx(fakeConnection([probe(1000, 1100)]), { check: true }));
      assert.equal(fresh.result.changed, false);
      const stale = await runTask(apt, { update_cache: true }, makeCtx(fakeConnection([probe(1000, 1100)]), { check: true }));
      assert.equal(stale.result.changed, true);
    });

    it('state=latest in check mode asks apt-get -s', async () => {
      const conn = fakeConnection([probe(1000, 1100), { match: ['apt-get', '-s'], result: { stdout: 'Inst curl [8.5.0] (8.5.1 Ubuntu:24.04)\n' } }]);
      const r = await runTask(apt, { name: 'curl', state: 'latest' }, makeCtx(conn, { check: true }));
      assert.equal(r.result.changed, true);
      const none = await runTask(apt, { name: 'curl', state: 'latest' }, makeCtx(fakeConnection([probe(1000, 1100), { match: ['apt-get', '-s'], result: { stdout: '' } }]), { check: true }));
      assert.equal(none.result.changed, false);
    });

    it('state=latest in a real run lets apt-get decide and reads its summary', async () => {
      const conn = fakeConnection([probe(1000, 1100), { match: ['apt-get', 'install'], result: { stdout: '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n' } }]);
      const r = await runTask(apt, { name: 'curl', state: 'latest' }, makeCtx(conn));
      assert.equal(r.result.changed, false);
    });

    it('absent removes with --purge when asked', async () => {
      const conn = fakeConnection([probe(1000, 1100), ok]);
      await runTask(apt, { name: ['curl', 'vim'], state: 'absent', purge: true }, makeCtx(conn));
      const argv = conn.calls[1]?.argv ?? [];
      assert.deepEqual([argv[0], argv[1], argv.at(-2), argv.at(-1)], ['apt-get', 'remove', '--purge', 'curl']);
    });

    it('a failing apt-get is a failed result with its output', async () => {
      const conn = fakeConnection([probe(1000, 1100), { match: ['apt-get', 'install'], result: { rc: 100, stderr: 'E: Unable to locate package vim\n' } }]);
      const r = await runTask(apt, { name: 'vim' }, makeCtx(conn));
      assert.equal(r.result.failed, true);
      assert.match(r.result.msg ?? '', /Unable to locate package vim/);
      assert.equal(r.result.data?.['rc'], 100);
    });
  });
});
