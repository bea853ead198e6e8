// A short lock over the base directory while a lab claims its name and
// subnet, so two `lab up` at once never pick the same subnet. mkdir is
// atomic; a lock older than STALE_MS is left from a crash and is broken.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep } from './host-process.js';
import { LabError } from './lab-error.js';

const STALE_MS = 60_000;
const WAIT_MS = 20_000;

export async function withBaseLock<T>(base: string, task: () => Promise<T>): Promise<T> {
  const lock = join(base, '.lock');
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (!isExists(error)) throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline || attempt > 1000) throw new LabError('BOOT', `${lock} is held by another \`lab up\`; remove it if none is running`);
      else await sleep(50);
    }
  }
  try {
    return await task();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function isExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EEXIST';
}
