// 100 lab hosts in one run: a 3-task playbook, and the recap must account for every host.
import { strict as assert } from 'node:assert';
import { useLab } from '../../support/lab-fixture.js';
import { runPlaybook } from '../run/run-deckhand.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: who
      command: hostname
      register: who
      changed_when: false
    - name: write
      copy: {dest: /tmp/deckhand-hundred, content: "{{ who.stdout }}\\n"}
    - name: check
      command: grep -qx {{ inventory_hostname }} /tmp/deckhand-hundred
      changed_when: false
`;

describe('lab faults: 100 hosts in one run', function () {
  // The only suite of this size: a private lab costs nothing extra and frees 100 hosts at once.
  const lab = useLab(this, { tag: 'fh', hosts: 100 });
  this.timeout(300_000);

  it('every host runs the 3 tasks; the recap has 100 rows with ok=3 changed=1', async () => {
    const started = Date.now();
    const r = await runPlaybook(PLAYBOOK, lab.info().inventoryPath, ['-f', '25']);
    console.log(`      (100 hosts × 3 tasks in ${((Date.now() - started) / 1000).toFixed(1)} s with -f 25)`);
    assert.equal(r.code, 0, r.err + r.out.slice(-3000));
    assert.equal(Object.keys(r.stats).length, 100);
    for (const h of lab.info().hosts) {
      const s = r.stats[h.name];
      assert.deepEqual(s && [s.ok, s.changed, s.failed, s.unreachable, s.skipped], [3, 1, 0, 0, 0], h.name);
    }
    assert.equal(r.results.length, 300);
    assert.equal((r.out.match(/: ok=3 {4}changed=1 {4}unreachable=0 {4}failed=0/g) ?? []).length, 100);
  });
});
