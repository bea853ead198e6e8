// One lab per size for the whole mocha process, brought up on first use and torn down once at
// the end (lab-pool-hooks.ts), on Ctrl-C, or by `deckhand lab down --name poolNNNNN-S` after a
// crash. Twelve bring-ups per `npm test` become a few; suites that share a lab must leave its
// hosts as later suites expect them (their own paths, no users, shells or links changed).
import { labDown, labUp, type LabInfo } from '../../lab/lab.js';

const labs = new Map<number, Promise<LabInfo>>();
let removeSigint: (() => void) | undefined;

function poolName(hosts: number): string {
  return `pool${process.pid % 100000}-${hosts}`;
}

/** The shared lab with `hosts` hosts (master, worker1, …), up once per process. */
export function sharedLab(hosts: number): Promise<LabInfo> {
  let lab = labs.get(hosts);
  if (lab === undefined) {
    lab = labUp({ name: poolName(hosts), hosts });
    // A failed bring-up is not cached: the next suite tries again (labUp cleans up after itself).
    lab.catch(() => labs.delete(hosts));
    labs.set(hosts, lab);
    tearDownOnCtrlC();
  }
  return lab;
}

/** Takes every shared lab down; safe to call twice. */
export async function downSharedLabs(): Promise<void> {
  const all = [...labs.values()];
  labs.clear();
  removeSigint?.();
  removeSigint = undefined;
  for (const lab of all) {
    const info = await lab.catch(() => undefined);
    if (info) await labDown(info.name);
  }
}

// Namespaces outlive the process, so Ctrl-C takes the labs down before exiting.
function tearDownOnCtrlC(): void {
  if (removeSigint) return;
  const onSigint = (): void => {
    void downSharedLabs().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  removeSigint = () => process.removeListener('SIGINT', onSigint);
}
