// A failing host never stops the others; an unreachable host is reported as such.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { useSharedLab } from '../../support/lab-fixture.js';
import { runPlaybook } from './run-deckhand.js';

describe('run: failures over real SSH', function () {
  const lab = useSharedLab(this, 3);

  it('a task failing on one host of three: the other two finish the play, exit 2', async () => {
    const r = await runPlaybook(
      `- hosts: all
  gather_facts: false
  tasks:
    - name: fail on worker1 only
      fail:
        msg: worker1 is broken
      when: inventory_hostname == 'worker1'
    - name: runs on the others
      command: hostname
      changed_when: false
`,
      lab.info().inventoryPath,
    );
    assert.equal(r.code, 2, r.out + r.err);
    assert.equal(r.stats['worker1']?.failed, 1);
    assert.equal(r.stats['master']?.ok, 1);
    assert.equal(r.stats['worker2']?.ok, 1);
    const ran = r.results.filter((x) => x.task === 'runs on the others').map((x) => x.host).sort();
    assert.deepEqual(ran, ['master', 'worker2']);
    assert.match(r.out, /fatal: \[worker1\]: FAILED! => .*worker1 is broken/);
    assert.match(r.out, /PLAY RECAP/);
  });

  it('an unreachable host: UNREACHABLE in the recap, exit 4, the others finish', async () => {
    const inv = parse(readFileSync(lab.info().inventoryPath, 'utf8')) as { all: { children: { workers: { hosts: Record<string, Record<string, unknown>> } } } };
    const w2 = inv.all.children.workers.hosts['worker2'];
    assert.ok(w2);
    w2['ansible_port'] = 1; // nothing listens there: the connection is refused at once
    const path = `${lab.info().stateDir}/unreachable.yml`;
    writeFileSync(path, stringify(inv));
    const r = await runPlaybook(
      `- hosts: all
  gather_facts: false
  tasks:
    - command: hostname
      changed_when: false
    - command: "true"
      changed_when: false
`,
      path,
    );
    assert.equal(r.code, 4, r.out + r.err);
    assert.equal(r.stats['worker2']?.unreachable, 1);
    assert.equal(r.stats['master']?.ok, 2);
    assert.equal(r.stats['worker1']?.ok, 2);
    assert.match(r.out, /fatal: \[worker2\]: UNREACHABLE!/);
    assert.match(r.out, /worker2\s+: ok=0\s+changed=0\s+unreachable=1/);
  });

  it('host key checking is on: a wrong known_hosts entry fails that host with the fingerprint', async () => {
    const info = lab.info();
    const inv = parse(readFileSync(info.inventoryPath, 'utf8')) as { all: { children: { master: { hosts: Record<string, Record<string, unknown>> } } } };
    const m = inv.all.children.master.hosts['master'];
    assert.ok(m);
    const badKnown = `${info.stateDir}/bad_known_hosts`;
    const lines = readFileSync(info.knownHostsPath, 'utf8').split('\n');
    const masterAddr = info.hosts[0]?.address ?? '';
    const other = lines.find((l) => l && !l.startsWith(`${masterAddr} `));
    assert.ok(other);
    // The master's address with another host's key: as if the master's key had changed.
    writeFileSync(badKnown, `${masterAddr} ${other.split(' ').slice(1).join(' ')}\n`);
    m['deckhand_known_hosts_file'] = badKnown;
    const path = `${info.stateDir}/badkey.yml`;
    writeFileSync(path, stringify(inv));
    const r = await runPlaybook(`- hosts: master\n  gather_facts: false\n  tasks:\n    - command: "true"\n`, path);
    assert.equal(r.code, 4, r.out + r.err);
    assert.match(r.out, /SHA256:[A-Za-z0-9+/]+/);
  });
});
