// Steps that bring the machines up and prepare deckhand's view of them:
// inventory/vagrant.yml and the known_hosts file for the private addresses.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lastMachineMentioned, tail } from './exec-argv.js';
import { failed, passed, type LabContext, type LabStep, type StepFailure } from './lab-context.js';
import { hostPublicKeys, sshKeyscan, vagrantSshConfig, vagrantStatus, vagrantUp, vagrantVersion } from './lab-commands.js';
import { buildInventory, inventoryToYaml, KNOWN_HOSTS_FILE, readAllVars } from './lab-inventory.js';
import { checkScannedKeys, knownHostsText, parseKeyscan, parsePublicKeys, type KeyCheckTarget } from './known-hosts.js';
import { checkRunning, parseMachineStatus } from './machine-status.js';
import { parseSshConfig } from './ssh-config.js';

export const INVENTORY_FILE = 'inventory/vagrant.yml';

const MINUTE = 60_000;
const names = (ctx: LabContext): string[] => ctx.layout.hosts.map((h) => h.name);

export const preflight: LabStep = {
  name: 'preflight',
  gate: true,
  async run(ctx) {
    const failures: StepFailure[] = [];
    const version = await ctx.exec(vagrantVersion(), { timeoutMs: MINUTE });
    if (!version.ok) failures.push({ message: `vagrant is not usable: ${version.reason}` });
    for (const file of ['bin/deckhand.js', 'dist/engine/cli/main.js']) {
      if (!existsSync(join(ctx.root, file))) failures.push({ message: `${file} is missing (run npm run build)` });
    }
    return failures.length > 0 ? failed(...failures) : passed(`${version.stdout.trim()}, provider ${ctx.provider}`);
  },
};

export const up: LabStep = {
  name: 'up',
  gate: true,
  async run(ctx) {
    const result = await ctx.exec(vagrantUp(ctx.provider), { live: true, timeoutMs: 45 * MINUTE });
    if (result.ok) return passed();
    const node = lastMachineMentioned(`${result.stdout}\n${result.stderr}`, names(ctx));
    return failed({ ...(node !== undefined ? { node } : {}), message: `vagrant up failed (${result.reason})\n${tail(result)}` });
  },
};

/** With --skip-up: the machines must already be running. */
export const running: LabStep = {
  name: 'status',
  gate: true,
  async run(ctx) {
    const result = await ctx.exec(vagrantStatus(), { timeoutMs: 2 * MINUTE });
    if (!result.ok) return failed({ message: `vagrant status failed (${result.reason})\n${tail(result)}` });
    const problems = checkRunning(parseMachineStatus(result.stdout), names(ctx));
    return problems.length > 0 ? failed(...problems) : passed();
  },
};

export const sshConfig: LabStep = {
  name: 'ssh-config',
  gate: true,
  async run(ctx) {
    const result = await ctx.exec(vagrantSshConfig(), { timeoutMs: 2 * MINUTE });
    if (!result.ok) return failed({ message: `vagrant ssh-config failed (${result.reason})\n${tail(result)}` });
    const parsed = parseSshConfig(result.stdout);
    const failures: StepFailure[] = parsed.issues.map((i) => ({ message: `ssh-config line ${i.line}: ${i.message}` }));
    for (const name of names(ctx)) {
      if (!parsed.entries.some((e) => e.host === name)) failures.push({ node: name, message: 'missing from vagrant ssh-config' });
    }
    ctx.state.sshConfig = parsed.entries;
    return failures.length > 0 ? failed(...failures) : passed();
  },
};

export const knownHosts: LabStep = {
  name: 'known-hosts',
  gate: true,
  async run(ctx) {
    const addresses = ctx.layout.hosts.map((h) => h.address);
    const scan = await ctx.exec(sshKeyscan({ addresses }), { timeoutMs: 2 * MINUTE });
    if (!scan.ok) return failed({ message: `ssh-keyscan failed (${scan.reason})\n${tail(scan)}` });
    const scanned = parseKeyscan(scan.stdout);
    const targets: KeyCheckTarget[] = [];
    const failures: StepFailure[] = [];
    for (const host of ctx.layout.hosts) {
      const own = await ctx.exec(hostPublicKeys(host.name), { timeoutMs: 2 * MINUTE });
      if (!own.ok) failures.push({ node: host.name, message: `reading its host keys over vagrant ssh failed (${own.reason})` });
      else targets.push({ node: host.name, address: host.address, reported: parsePublicKeys(own.stdout) });
    }
    failures.push(...checkScannedKeys(scanned, targets));
    if (failures.length > 0) return failed(...failures);
    const file = join(ctx.root, KNOWN_HOSTS_FILE);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, knownHostsText(scanned));
    return passed(`${scanned.length} keys in ${KNOWN_HOSTS_FILE}`);
  },
};

export const inventory: LabStep = {
  name: 'inventory',
  gate: true,
  async run(ctx) {
    const file = join(ctx.root, INVENTORY_FILE);
    const previous = existsSync(file) ? readAllVars(await readFile(file, 'utf8')) : undefined;
    const built = buildInventory({
      layout: ctx.layout,
      sshConfig: ctx.state.sshConfig,
      root: ctx.root,
      ...(previous !== undefined ? { previousVars: previous } : {}),
    });
    if (!built.ok) return failed(...built.problems);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, inventoryToYaml(built.inventory));
    ctx.state.inventoryVars = built.inventory.all.vars;
    return passed(`wrote ${INVENTORY_FILE}`);
  },
};
