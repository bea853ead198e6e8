import assert from 'node:assert/strict';
import { packagesFor, planPackages, PURPOSES, SYSTEM_PACKAGES, type MachineFacts, type Purpose } from '../../lab/system-packages.js';
import { REQUIRED_TOOLS } from '../../lab/preflight.js';

const every = (purpose: Purpose): Set<string> => new Set(packagesFor(purpose).map((p) => p.name));
const without = (purpose: Purpose, ...names: string[]): Set<string> => {
  const s = every(purpose);
  for (const n of names) s.delete(n);
  return s;
};
const facts = (over: Partial<MachineFacts>): MachineFacts => ({ isRoot: true, hasApt: true, installed: new Set(), declined: false, ...over });

describe('lab: system packages', () => {
  const cases: { name: string; purpose: Purpose; facts: MachineFacts; kind: string; missing?: string[]; reason?: RegExp }[] = [
    { name: 'all present', purpose: 'demo', facts: facts({ installed: every('demo') }), kind: 'present' },
    { name: 'root with apt installs what is missing', purpose: 'test', facts: facts({ installed: without('test', 'openssh-server', 'ansible') }), kind: 'install', missing: ['openssh-server', 'ansible'] },
    { name: 'not root: the command to run', purpose: 'demo', facts: facts({ isRoot: false, installed: without('demo', 'mosquitto') }), kind: 'manual', missing: ['mosquitto'], reason: /root/ },
    { name: 'DECKHAND_NO_APT: the command to run', purpose: 'bench', facts: facts({ declined: true, installed: without('bench', 'time') }), kind: 'manual', missing: ['time'], reason: /DECKHAND_NO_APT/ },
    { name: 'no apt: the lab checks its programs', purpose: 'demo', facts: facts({ hasApt: false, installed: undefined }), kind: 'unknown' },
    { name: 'the demo needs no test-only package', purpose: 'demo', facts: facts({ installed: without('test', 'ansible', 'vagrant', 'vagrant-libvirt') }), kind: 'present' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planPackages(c.purpose, c.facts);
      assert.equal(plan.kind, c.kind);
      if (plan.kind === 'install') {
        assert.deepEqual(plan.missing.map((p) => p.name), c.missing);
        assert.deepEqual(plan.command.slice(-2), c.missing);
        assert.equal(plan.command[0], 'apt-get');
      }
      if (plan.kind === 'manual') {
        assert.deepEqual(plan.missing.map((p) => p.name), c.missing);
        assert.match(plan.reason, c.reason ?? /./);
        assert.ok(plan.command.endsWith(c.missing?.join(' ') ?? '-'), plan.command);
      }
    });
  }

  it('every purpose includes every package the lab preflight names', () => {
    const lab = new Set(REQUIRED_TOOLS.map((t) => t.debianPackage));
    // coreutils is essential on every Debian system; nothing to install.
    lab.delete('coreutils');
    for (const purpose of PURPOSES) for (const name of lab) assert.ok(every(purpose).has(name), `${purpose} lacks ${name}`);
  });

  it('names each package once, with a reason', () => {
    const names = SYSTEM_PACKAGES.map((p) => p.name);
    assert.equal(new Set(names).size, names.length);
    for (const p of SYSTEM_PACKAGES) assert.ok(p.why.length > 5 && p.purposes.length > 0, p.name);
  });
});
