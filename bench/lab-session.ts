// A lab for the length of one benchmark: always torn down, on success, on failure and on
// Ctrl-C or SIGTERM (the running tool is killed first so it cannot hold the hosts).
import { labDown, labUp, type LabInfo } from '../lab/lab.js';
import { killCurrent } from './measure.js';

const noop = (): Promise<void> => Promise.resolve();

export async function withLab<T>(name: string, hosts: number, log: (line: string) => void, fn: (lab: LabInfo) => Promise<T>): Promise<T> {
  let teardown: Promise<void> | undefined;
  // The bench needs no tooling layer and no package repositories: skip building them.
  const up = labUp({ name, hosts, prepareLayer: noop, prepareRepo: noop, log });
  const down = (): Promise<void> => {
    teardown ??= up.then(
      () => labDown(name),
      () => undefined, // a failed labUp has already removed what it made
    );
    return teardown;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`bench: ${signal}: stopping and tearing the lab down`);
    killCurrent();
    void down()
      .catch((e: unknown) => log(`bench: lab down failed: ${String(e)}`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(await up);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await down();
  }
}
