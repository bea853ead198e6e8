import assert from 'node:assert/strict';
import { checkRunning, parseMachineStatus } from '../../../lab/vagrant/machine-status.js';

// `vagrant status --machine-readable` (timestamp,target,type,data...).
const output = `1764111111,master,metadata,provider,virtualbox
1764111111,worker1,metadata,provider,virtualbox
1764111111,worker2,metadata,provider,virtualbox
1764111112,master,provider-name,virtualbox
1764111112,master,state,running
1764111112,master,state-human-short,running
1764111112,master,state-human-long,The VM is running. To stop this VM%!(VAGRANT_COMMA) you can run \`vagrant halt\`
1764111112,worker1,provider-name,virtualbox
1764111112,worker1,state,poweroff
1764111112,worker2,provider-name,virtualbox
1764111112,worker2,state,not_created
1764111112,,ui,info,Current machine states:
`;

describe('vagrant status (machine readable)', () => {
  it('reads each machine state and provider', () => {
    const states = parseMachineStatus(output);
    assert.deepEqual([...states], [
      ['master', { state: 'running', provider: 'virtualbox' }],
      ['worker1', { state: 'poweroff', provider: 'virtualbox' }],
      ['worker2', { state: 'not_created', provider: 'virtualbox' }],
    ]);
  });

  it('names each machine that is not running, and one that is not defined', () => {
    const problems = checkRunning(parseMachineStatus(output), ['master', 'worker1', 'worker2', 'worker3']);
    assert.deepEqual(problems.map((p) => p.node), ['worker1', 'worker2', 'worker3']);
    assert.match(problems[0]?.message ?? '', /state is poweroff/);
    assert.match(problems[2]?.message ?? '', /not defined/);
  });

  it('passes when every machine runs (libvirt too)', () => {
    const text = ['master', 'worker1'].map((m) => `1,${m},provider-name,libvirt\n1,${m},state,running`).join('\n');
    assert.deepEqual(checkRunning(parseMachineStatus(text), ['master', 'worker1']), []);
  });
});
