// Namespace labs for mocha suites, skipped with the reason when the machine cannot run labs (not
// root, sshd missing). useSharedLab: the process-wide lab of that size (lab-pool.ts). useLab: a
// lab of the suite's own, up in `before` and down in `after` (even after a failure), for suites
// that change their hosts in ways other suites would notice.
import { labDown, labUp, type LabInfo, type LabUpOptions } from '../../lab/lab.js';
import { sharedLab } from './lab-pool.js';
import { requireSystem } from './require-system.js';

export interface LabHandle {
  readonly info: () => LabInfo;
}

function handle(get: () => LabInfo | undefined): LabHandle {
  return {
    info: () => {
      const lab = get();
      if (!lab) throw new Error('lab is not up');
      return lab;
    },
  };
}

/** Call inside describe(): the shared lab with `hosts` hosts. */
export function useSharedLab(suite: Mocha.Suite, hosts: number): LabHandle {
  let lab: LabInfo | undefined;
  suite.timeout(180_000);
  before(async function () {
    requireSystem(this, 'lab');
    lab = await sharedLab(hosts);
  });
  return handle(() => lab);
}

/** Call inside describe(). Names are made unique per process so parallel runs do not collide. */
export function useLab(suite: Mocha.Suite, opts: Omit<LabUpOptions, 'name'> & { tag: string }): LabHandle {
  let lab: LabInfo | undefined;
  const name = `${opts.tag}${process.pid % 100000}`;
  suite.timeout(180_000);
  before(async function () {
    requireSystem(this, 'lab');
    const { tag: _tag, ...rest } = opts;
    lab = await labUp({ ...rest, name });
  });
  after(async function () {
    this.timeout(60_000);
    if (lab) await labDown(lab.name);
  });
  return handle(() => lab);
}
