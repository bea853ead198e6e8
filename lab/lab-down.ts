// `lab down`: stop the repository server and every host process, remove
// namespaces, veths and the bridge, unmount the layer and delete the state
// folder. Works from names alone (a crashed `lab up` may have written no
// state), and running it twice is harmless.
import { readFile } from 'node:fs/promises';
import { killNamespaceProcesses } from './host-process.js';
import { LabError } from './lab-error.js';
import { checkLabName, stateDirFor } from './lab-names.js';
import { listLabNetns, removeNetwork } from './lab-network.js';
import { preflight } from './preflight.js';
import { stopRepoServers } from './repo-server-process.js';
import { run } from './run-command.js';

export async function labDown(name: string): Promise<void> {
  preflight();
  checkLabName(name);
  const stateDir = stateDirFor(name);
  const problems: string[] = [];

  if (!(await stopRepoServers(stateDir))) problems.push('the repository server would not stop');

  const namespaces = await listLabNetns(name);
  const busy = await killNamespaceProcesses(namespaces);
  if (busy.length > 0) problems.push(`processes survived in ${busy.join(', ')}`);
  await removeNetwork(name, namespaces);
  const leftNs = await listLabNetns(name);
  if (leftNs.length > 0) problems.push(`namespaces remain: ${leftNs.join(', ')}`);

  await unmountUnder(stateDir);
  const mounts = await mountsUnder(stateDir);
  if (mounts.length > 0) {
    problems.push(`still mounted: ${mounts.join(', ')}`);
  } else {
    // --one-file-system: never follow a mount into the machine's own files.
    await run('rm', ['-rf', '--one-file-system', stateDir], { timeoutMs: 120_000 });
  }
  if (problems.length > 0) throw new LabError('TEARDOWN', `lab "${name}" was not fully removed: ${problems.join('; ')}`);
}

/** Mount points at or below dir in this mount namespace, deepest first. */
export async function mountsUnder(dir: string): Promise<readonly string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const targets = text
    .split('\n')
    .map((line) => unescapeMount(line.split(' ')[4] ?? ''))
    .filter((target) => target === dir || target.startsWith(`${dir}/`));
  return [...new Set(targets)].sort((a, b) => b.length - a.length);
}

async function unmountUnder(dir: string): Promise<void> {
  for (const target of await mountsUnder(dir)) {
    const result = await run('umount', [target], { check: false });
    // A busy mount is detached now and freed when its last user goes.
    if (result.code !== 0) await run('umount', ['-l', target], { check: false });
  }
}

// mountinfo escapes space, tab, newline and backslash as octal.
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
