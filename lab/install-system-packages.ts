// Installs the Debian packages that `npm run demo`, `npm test` and `npm run bench` need and the
// machine lacks (npm's predemo/pretest/prebench hooks and .ci/run call it):
//   node dist/lab/install-system-packages.js demo|test|bench
// It says what it installs and why. Where it cannot install (not root, DECKHAND_NO_APT=1), it
// prints the exact command; the demo and the bench then stop with exit 5, while the tests go on
// and skip what needs a missing package, naming it.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { currentUid, findOnPath } from './preflight.js';
import { planPackages, PURPOSES, type MachineFacts, type PackagePlan, type Purpose } from './system-packages.js';

const EXIT_BAD_SETUP = 5;

export function installedPackages(): ReadonlySet<string> | undefined {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Abbrev}\n'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 || r.error) return undefined;
  const names = r.stdout
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, status]) => status?.startsWith('ii'))
    .map(([name]) => name ?? '');
  return new Set(names);
}

export function machineFacts(env: NodeJS.ProcessEnv = process.env): MachineFacts {
  const hasApt = findOnPath('apt-get', env) && findOnPath('dpkg-query', env);
  return {
    isRoot: currentUid() === 0,
    hasApt,
    installed: hasApt ? installedPackages() : undefined,
    declined: env['DECKHAND_NO_APT'] === '1',
  };
}

function say(line: string): void {
  process.stdout.write(`system packages: ${line}\n`);
}

function apt(args: readonly string[]): number {
  const r = spawnSync(args[0] ?? 'apt-get', args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status ?? 1;
}

/** Carries out the plan; returns the exit status for the npm hook. */
export function carryOut(purpose: Purpose, plan: PackagePlan): number {
  const stops = purpose !== 'test';
  switch (plan.kind) {
    case 'present':
      say(`the ${plan.count} Debian packages the ${purpose} needs are installed`);
      return 0;
    case 'unknown':
      say(`no apt-get/dpkg-query here, so the Debian packages cannot be checked; the lab checks its programs when it starts`);
      return 0;
    case 'manual':
      say(`missing ${plan.missing.map((p) => p.name).join(', ')}; ${plan.reason}. Run:\n  ${plan.command}`);
      if (stops) return EXIT_BAD_SETUP;
      say('the tests that need them are skipped, each naming the package');
      return 0;
    case 'install': {
      say(`installing what the ${purpose} needs and this machine lacks:`);
      for (const p of plan.missing) process.stdout.write(`  ${p.name.padEnd(22)} ${p.why}\n`);
      const status = apt(['apt-get', 'update', '-q']) || apt(plan.command);
      if (status === 0) return 0;
      say(`apt-get failed (exit ${status}); run it yourself:\n  ${plan.command.join(' ')}`);
      return stops ? 1 : 0;
    }
  }
}

function isPurpose(word: string | undefined): word is Purpose {
  return PURPOSES.some((p) => p === word);
}

function main(argv: readonly string[]): number {
  const purpose = argv[0];
  if (!isPurpose(purpose)) {
    process.stderr.write(`usage: install-system-packages ${PURPOSES.join('|')}\n`);
    return EXIT_BAD_SETUP;
  }
  return carryOut(purpose, planPackages(purpose, machineFacts()));
}

const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(realpathSync(script)).href) {
  process.exitCode = main(process.argv.slice(2));
}
