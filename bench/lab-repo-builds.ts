// Builds the lab's apt repositories (every stand-in .deb, signed indices) N
// times in a row without the .deb cache, to show that packing is not flaky.
// `node dist/bench/lab-repo-builds.js [--times 50] [--keep-going]`; needs
// dpkg-deb and gpg. Exit status 1 if any build failed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLabRepos } from '../lab/packages/build.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { times: { type: 'string', default: '50' }, 'keep-going': { type: 'boolean', default: false } } });
  const times = Number(values.times);
  if (!Number.isInteger(times) || times < 1) throw new Error(`--times wants a positive integer, not ${values.times}`);
  const started = performance.now();
  let failures = 0;
  let done = 0;
  while (done < times) {
    const dir = await mkdtemp(join(tmpdir(), 'dh-repo-builds-'));
    const t0 = performance.now();
    try {
      await buildLabRepos(join(dir, 'repo'), { cache: false });
      process.stderr.write(`build ${done + 1}: ok in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      failures++;
      process.stderr.write(`build ${done + 1}: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    done++;
    if (failures > 0 && !values['keep-going']) break;
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${done - failures} of ${done} builds succeeded (${times} asked) in ${seconds.toFixed(1)} s\n`);
  return failures === 0 && done === times ? 0 : 1;
}

process.exitCode = await main();
