// The same playbooks run by Debian's ansible-playbook and by deckhand against fresh lab hosts:
// the PLAY RECAP counts per host and the files left behind (paths, types, modes, content) must
// be identical. Skipped when ansible-playbook is not installed or labs cannot run.
import { strict as assert } from 'node:assert';
import { execaSync } from 'execa';
import { fileURLToPath } from 'node:url';
import { useLab } from '../support/lab-fixture.js';
import { runAnsible, runDeckhand, snapshot } from './compat-run.js';

const dir = fileURLToPath(new URL('../../../test/compat/playbooks/', import.meta.url));
const playbooks = ['files.yml', 'commands.yml'];

function hasAnsible(): boolean {
  try {
    execaSync('ansible-playbook', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('compat: ansible-playbook and deckhand agree', function () {
  if (!hasAnsible()) {
    it.skip('ansible-playbook is not installed (apt-get install ansible)');
    return;
  }
  const ansibleLab = useLab(this, { tag: 'ca', hosts: 2 });
  const deckhandLab = useLab(this, { tag: 'cd', hosts: 2 });
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
