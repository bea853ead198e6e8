// The same playbooks run by Debian's ansible-playbook and by deckhand against fresh lab hosts:
// the PLAY RECAP counts per host and the files left behind (paths, types, modes, content) must
// be identical. Skipped when ansible-playbook is not installed or labs cannot run.
import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { useLab, useSharedLab } from '../support/lab-fixture.js';
import { requireSystem } from '../support/require-system.js';
import { runAnsible, runDeckhand, snapshot } from './compat-run.js';

const dir = fileURLToPath(new URL('../../../test/compat/playbooks/', import.meta.url));
const playbooks = ['files.yml', 'commands.yml'];

describe('compat: ansible-playbook and deckhand agree', function () {
  // First, so neither lab comes up without ansible-playbook.
  before(function () {
    requireSystem(this, 'ansible-playbook');
  });
  // Both sides start from the same untouched hosts under /srv/compat; ansible's needs a lab of
  // its own, as no other suite may share it while it is compared.
  const ansibleLab = useLab(this, { tag: 'ca', hosts: 2 });
  const deckhandLab = useSharedLab(this, 2);
  // Each playbook is four runs, two of them ansible-playbook's: about 90 s beside the other test
  // workers, over 180 s when the machine's CPUs are saturated. The limit only has to catch a hang.
  this.timeout(600_000);
  for (const pb of playbooks) {
    it(pb, async () => {
      const base = '/srv/compat';
      const a = await runAnsible(ansibleLab.info(), `${dir}${pb}`);
      const d = await runDeckhand(deckhandLab.info(), `${dir}${pb}`, `/tmp/deckhand-compat-${process.pid}.json`);
      assert.deepEqual(d, a, 'PLAY RECAP counts');
      assert.deepEqual(await snapshot(deckhandLab.info(), base), await snapshot(ansibleLab.info(), base), 'files');
      // Second runs: both change nothing.
      const a2 = await runAnsible(ansibleLab.info(), `${dir}${pb}`);
      const d2 = await runDeckhand(deckhandLab.info(), `${dir}${pb}`, `/tmp/deckhand-compat-${process.pid}.json`);
      assert.deepEqual(d2, a2, 'second-run PLAY RECAP counts');
    });
  }
});
