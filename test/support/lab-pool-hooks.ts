// Mocha global teardown (.mocharc.json "require"): runs once in the main process when the whole
// run ends, after a failure too, in serial and parallel runs. It takes down this process's shared
// labs and any that parallel workers left (found by the run's name prefix).
import { labDown } from '../../lab/lab.js';
import { listLabStates } from '../../lab/lab-state.js';
import { downSharedLabs, poolPrefix } from './lab-pool.js';

export async function mochaGlobalTeardown(): Promise<void> {
  await downSharedLabs();
  const prefix = poolPrefix(process.pid);
  for (const state of await listLabStates()) {
    if (state.name.startsWith(prefix)) await labDown(state.name);
  }
}
