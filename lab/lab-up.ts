// `lab up`: claim a name and subnet, then build the network, the hosts'
// disks and the tooling layer side by side, start the repository server and
// the hosts, and wait until every sshd answers. Any failure tears down
// whatever was made.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withBaseLock } from './base-lock.js';
import { bootScript, writeHostFiles } from './host-files.js';
import { startHost } from './host-process.js';
import type { StartedHost } from './host-process.js';
import { inventoryYaml } from './inventory-file.js';
import { prepareArtifacts } from './lab-artifacts.js';
import { labDown } from './lab-down.js';
import { LabError } from './lab-error.js';
import { baseDir, bridgeName, checkHostNames, checkLabName, DEFAULT_LAB_NAME, defaultHostNames, hostPaths, labPaths } from './lab-names.js';
import { createBridge, createHostLinks, listLabNetns, machinePrefixes } from './lab-network.js';
import { listLabStates, toLabInfo, writeLabState } from './lab-state.js';
import type { LabHost, LabInfo, LabState, LabUpOptions } from './lab-types.js';
import { preflight } from './preflight.js';
import { startRepoServer } from './repo-server-process.js';
import { run } from './run-command.js';
import { generateKeyPair, knownHostsText, writeKeyPair } from './ssh-keys.js';
import type { KeyPair } from './ssh-keys.js';
import { waitForSsh } from './ssh-probe.js';
import { checkLabSubnet, formatCidr, gatewayOf, hostAddresses, overlaps, parseCidr, pickFreeSubnet } from './subnet.js';
import type { Subnet } from './subnet.js';

export const DEFAULT_HOSTS = 3;
export const DEFAULT_REPO_PORT = 8080;

export async function labUp(options: LabUpOptions = {}): Promise<LabInfo> {
  preflight();
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const name = checkLabName(options.name ?? DEFAULT_LAB_NAME);
  const names = checkHostNames(options.hostNames ?? defaultHostNames(checkHostCount(options.hosts ?? DEFAULT_HOSTS)));
  if (names.length === 0) throw new LabError('USAGE', 'a lab needs at least one host');
  if (options.subnet !== undefined) hostAddresses(checkLabSubnet(options.subnet), names.length);
  const base = baseDir();
  await mkdir(base, { recursive: true, mode: 0o755 });

  const state = await withBaseLock(base, () => claim(name, names, base, options));
  try {
    return await build(state, options, log);
  } catch (error) {
    await labDown(name).catch((cleanup: unknown) => log(`lab: cleanup after a failed start also failed: ${String(cleanup)}`));
    throw error;
  }
}

function checkHostCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > 250) throw new LabError('USAGE', `--hosts must be a whole number from 1 to 250, not ${count}`);
  return count;
}

/** Reserves the lab's folder and subnet; runs under the base lock. */
async function claim(name: string, names: readonly string[], base: string, options: LabUpOptions): Promise<LabState> {
  const stateDir = join(base, name);
  const leftovers = await listLabNetns(name);
  if ((await exists(stateDir)) || leftovers.length > 0) {
    throw new LabError('EXISTS', `lab "${name}" already exists (${stateDir}); run \`deckhand lab down --name ${name}\` first`);
  }
  const subnet = await chooseSubnet(options.subnet);
  const addresses = hostAddresses(subnet, names.length);
  const hosts: LabHost[] = names.map((host, i) => ({ name: host, address: addresses[i] ?? '' }));
  const paths = labPaths(stateDir);
  await mkdir(stateDir, { mode: 0o700 });
  const gateway = gatewayOf(subnet);
  const repoPort = options.repoPort ?? DEFAULT_REPO_PORT;
  const state: LabState = {
    version: 1,
    phase: 'starting',
    name,
    stateDir,
    inventoryPath: paths.inventory,
    knownHostsPath: paths.knownHosts,
    privateKeyPath: paths.privateKey,
    gateway,
    subnet: formatCidr(subnet),
    repoUrl: `http://${gateway}:${repoPort}`,
    hosts,
    bridge: bridgeName(name),
    repoPort,
    createdAt: new Date().toISOString(),
  };
  await writeLabState(state);
  return state;
}

async function chooseSubnet(asked: string | undefined): Promise<Subnet> {
  const others = (await listLabStates()).map((lab) => parseCidr(lab.subnet));
  const taken = [...others, ...(await machinePrefixes()).map((cidr) => parseCidr(cidr))];
  if (asked === undefined) return pickFreeSubnet(taken);
  const subnet = checkLabSubnet(asked);
  const clash = taken.find((used) => overlaps(used, subnet));
  if (clash) throw new LabError('SUBNET', `subnet ${asked} overlaps ${formatCidr(clash)}, already in use on this machine`);
  return subnet;
}

async function build(claimed: LabState, options: LabUpOptions, log: (line: string) => void): Promise<LabInfo> {
  const started = Date.now();
  const { name, stateDir, hosts } = claimed;
  const paths = labPaths(stateDir);
  const subnet = parseCidr(claimed.subnet);
  await mkdir(paths.cluster, { recursive: true, mode: 0o755 });
  await mkdir(paths.hostsDir, { recursive: true, mode: 0o700 });
  // Hosts' disks (overlay upper dirs) live in memory: package installs in
  // hosts are fast, and `lab down` frees them with one unmount instead of
  // deleting thousands of files.
  await run('mount', ['-t', 'tmpfs', '-o', 'mode=700', 'deckhand-lab-hosts', paths.hostsDir]);

  const clientKey = generateKeyPair(`deckhand-lab-${name}`);
  const hostKeys = new Map<string, KeyPair>(hosts.map((host) => [host.name, generateKeyPair(`root@${host.name}`)]));
  await writeKeyPair(clientKey, paths.privateKey, paths.publicKey);
  await writeFile(paths.knownHosts, knownHostsText(hosts, hostKeys), { mode: 0o644 });

  // The three slow parts do not depend on each other.
  await settleAll([
    prepareArtifacts({ stateDir, baseDir: baseDir(), log, ...hooks(options) }),
    writeDisks(claimed, hostKeys, clientKey.publicKey),
    createBridge(name, claimed.gateway, subnet).then(() => createHostLinks(name, hosts, subnet)),
  ]);

  const server = await startRepoServer({ stateDir, root: paths.repo, address: claimed.gateway, port: claimed.repoPort });
  const repoUrl = `http://${claimed.gateway}:${server.port}`;
  await writeLabState({ ...claimed, repoUrl, repoPort: server.port, repoServerPid: server.pid });

  const running: StartedHost[] = [];
  for (const host of hosts) running.push(await startHost(stateDir, name, host.name));
  await waitForHosts(claimed, running);

  const info: LabInfo = { ...toLabInfo(claimed), repoUrl };
  await writeFile(paths.inventory, inventoryYaml({ labName: name, hosts, privateKeyPath: paths.privateKey, knownHostsPath: paths.knownHosts, repoUrl }), { mode: 0o600 });
  await writeLabState({ ...claimed, phase: 'up', repoUrl, repoPort: server.port, repoServerPid: server.pid });
  log(`lab ${name}: ${hosts.length} host(s) up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return info;
}

function hooks(options: LabUpOptions): Pick<LabUpOptions, 'prepareLayer' | 'prepareRepo'> {
  return {
    ...(options.prepareLayer ? { prepareLayer: options.prepareLayer } : {}),
    ...(options.prepareRepo ? { prepareRepo: options.prepareRepo } : {}),
  };
}

/** Each host's upper directory and boot script. */
async function writeDisks(state: LabState, hostKeys: ReadonlyMap<string, KeyPair>, authorizedKey: string): Promise<void> {
  const opaque: string[] = [];
  const base = baseDir();
  const paths = labPaths(state.stateDir);
  for (const host of state.hosts) {
    const hostKey = hostKeys.get(host.name);
    if (!hostKey) throw new Error(`no host key for ${host.name}`);
    opaque.push(...(await writeHostFiles({ stateDir: state.stateDir, host, allHosts: state.hosts, hostKey, authorizedKey })));
    const script = bootScript({ stateDir: state.stateDir, baseDir: base, hostName: host.name, layerDir: paths.layer, clusterDir: paths.cluster });
    await writeFile(hostPaths(state.stateDir, host.name).boot, script, { mode: 0o755 });
  }
  // Opaque directories hide the machine's copies underneath (its root home,
  // its apt sources and package lists). One setfattr call per 200 paths.
  for (let i = 0; i < opaque.length; i += 200) {
    await run('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', ...opaque.slice(i, i + 200)]);
  }
}

async function waitForHosts(state: LabState, running: readonly StartedHost[]): Promise<void> {
  const deadlineMs = 15_000 + 300 * state.hosts.length;
  const failures = await Promise.all(
    state.hosts.map(async (host, i) => {
      const reason = await waitForSsh({ address: host.address, deadlineMs, gaveUp: () => running[i]?.exitStatus() });
      if (reason === undefined) return undefined;
      // The log goes away with the failed lab, so its last lines go in the error.
      const log = await readFile(hostPaths(state.stateDir, host.name).log, 'utf8').catch(() => '');
      return `${host.name} (${host.address}): ${reason} [${log.trim().split('\n').slice(-3).join(' | ')}]`;
    }),
  );
  const failed = failures.filter((line): line is string => line !== undefined);
  if (failed.length > 0) throw new LabError('BOOT', `host(s) did not come up: ${failed.slice(0, 5).join('; ')}`);
}

async function settleAll(tasks: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
