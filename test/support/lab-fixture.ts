// A namespace lab for one mocha suite: up in `before`, down in `after` (even after a failure),
// skipped with the reason when the machine cannot run labs (not root, sshd missing).
import { labDown, labUp, type LabInfo, type LabUpOptions } from '../../lab/lab.js';
import { preflight } from '../../lab/preflight.js';

export function labSkipReason(): string | undefined {
  try {
    preflight();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export interface LabHandle {
  readonly info: () => LabInfo;
}

/** Call inside describe(). Names are made unique per process so parallel runs do not collide. */
export function useLab(suite: Mocha.Suite, opts: Omit<LabUpOptions, 'name'> & { tag: string }): LabHandle {
  let lab: LabInfo | undefined;
  const name = `${opts.tag}${process.pid % 100000}`;
  suite.timeout(180_000);
  before(async function () {
    const reason = labSkipReason();
    if (reason) {
      console.log(`      (skipped: ${reason})`);
      this.skip();
    }
    const { tag: _tag, ...rest } = opts;
    lab = await labUp({ ...rest, name });
  });
  after(async function () {
    this.timeout(60_000);
    if (lab) await labDown(lab.name);
  });
  return {
    info: () => {
      if (!lab) throw new Error('lab is not up');
      return lab;
    },
  };
}
