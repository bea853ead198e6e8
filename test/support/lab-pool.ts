// One lab per size for each mocha process (the run, or each worker of a parallel run), brought up
// on first use and torn down once when the whole run ends (lab-pool-hooks.ts), on Ctrl-C, or by
// `deckhand lab down --name poolNNNNN-…` after a crash. Twelve bring-ups per `npm test` become a few; suites that share a lab must leave its
// hosts as later suites expect them (their own paths, no users, shells or links changed).
import { labDown, labUp, type LabInfo } from '../../lab/lab.js';

const labs = new Map<number, Promise<LabInfo>>();
let removeSigint: (() => void) | undefined;

/**
 * The run's id: the main mocha process, which is a parallel worker's parent. Its teardown finds
 * every worker's labs by this prefix, since workers end without a hook of their own.
 */
export function poolPrefix(runPid: number): string {
  return `pool${runPid % 100000}-`;
}

function poolName(hosts: number): string {
  const worker = process.env['MOCHA_WORKER_ID'];
  const runPid = worker === undefined ? process.pid : process.ppid;
  return `${poolPrefix(runPid)}${worker === undefined ? '' : `w${worker}-`}${hosts}`;
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
