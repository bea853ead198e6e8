// apt: packages present, absent or at the latest version, with an optional cache update.
// Idempotence: one round trip reads the cache age and `dpkg-query` for every named package;
// apt-get runs only when something must be installed or removed (or for state=latest, where
// apt decides), and `changed` comes from apt-get's own summary line.
import { defineModule, type ModuleContext, type ModuleResult } from './types.js';
import { outputData } from './support/command-result.js';
import { firstError, run, runScript } from './support/host.js';
import { fail, unchanged } from './support/outcome.js';
import { bool, enumOf, int, objectSchema, pick, str, strOrList, toList } from './support/schema.js';
import {
  decideApt, parseDpkgQuery, parseMadison, parseSimulation, parseSpec, parseSummary, versionMatches,
  type AptState, type PackageSpec,
} from './support/apt-parse.js';

export interface AptArgs {
  readonly name?: string | readonly string[];
  readonly pkg?: string | readonly string[];
  readonly package?: string | readonly string[];
  readonly state?: AptState | 'installed' | 'removed';
  readonly update_cache?: boolean;
  readonly cache_valid_time?: number;
  readonly install_recommends?: boolean;
  readonly purge?: boolean;
  readonly autoremove?: boolean;
  readonly allow_downgrade?: boolean;
  readonly allow_change_held_packages?: boolean;
  readonly dpkg_options?: string;
  readonly lock_timeout?: number;
  readonly 'update-cache'?: boolean;
  readonly 'install-recommends'?: boolean;
  readonly allow_downgrades?: boolean;
  readonly 'allow-downgrade'?: boolean;
  readonly 'allow-downgrades'?: boolean;
}

/** Folds Ansible's alternative spellings into the canonical argument names. */
function canonical(args: AptArgs): AptArgs {
  const recommends = pick(args.install_recommends, args['install-recommends']);
  const downgrade = pick(args.allow_downgrade, args.allow_downgrades, args['allow-downgrade'], args['allow-downgrades']);
  const update = pick(args.update_cache, args['update-cache']);
  return {
    ...args,
    ...(recommends === undefined ? {} : { install_recommends: recommends }),
    ...(downgrade === undefined ? {} : { allow_downgrade: downgrade }),
    ...(update === undefined ? {} : { update_cache: update }),
  };
}

interface AptPlan {
  readonly updateCache: boolean;
  readonly install: readonly PackageSpec[];
  readonly remove: readonly PackageSpec[];
}

const ENV = { DEBIAN_FRONTEND: 'noninteractive' };

// The cache age is the newest of apt's success stamp and the lists directory (the stamp only
// exists where update-notifier's hook is installed).
const CHECK_SCRIPT = `for f in /var/lib/apt/periodic/update-success-stamp /var/lib/apt/lists /var/lib/apt/lists/partial; do
  stat -c %Y -- "$f" 2>/dev/null; done | sort -n | tail -n 1 | sed 's/^/mtime /'
echo "now $(date +%s)"
echo @@dpkg
[ $# -eq 0 ] || dpkg-query -W -f='\${Package}\\t\${Status}\\t\${Version}\\n' "$@" 2>/dev/null
exit 0`;

/** Reads the probe: cache mtime and now (seconds) and the dpkg-query part. */
export function parseAptProbe(out: string): { mtime: number | undefined; now: number; dpkg: string } {
  const [head = '', dpkg = ''] = out.split('@@dpkg\n');
  const mtime = /^mtime (\d+)$/m.exec(head)?.[1];
  const now = /^now (\d+)$/m.exec(head)?.[1];
  return { mtime: mtime === undefined ? undefined : Number(mtime), now: Number(now ?? '0'), dpkg };
}

export function cacheIsStale(update: boolean, validTime: number | undefined, mtime: number | undefined, now: number): boolean {
  if (!update) return false;
  if (validTime === undefined || validTime <= 0 || mtime === undefined) return true;
  return now - mtime > validTime;
}

function options(args: AptArgs): string[] {
  const o = ['-y', '-q', '-o', `DPkg::Lock::Timeout=${args.lock_timeout ?? 60}`];
  for (const d of (args.dpkg_options ?? 'force-confdef,force-confold').split(',').filter((s) => s !== '')) o.push('-o', `Dpkg::Options::=--${d}`);
  if (args.install_recommends === false) o.push('--no-install-recommends');
  if (args.install_recommends === true) o.push('-o', 'APT::Install-Recommends=true');
  if (args.allow_downgrade === true) o.push('--allow-downgrades');
  if (args.allow_change_held_packages === true) o.push('--allow-change-held-packages');
  if (args.autoremove === true) o.push('--auto-remove');
  return o;
}

/** `name=glob` → the first version apt-cache madison offers that matches. */
async function resolveVersion(ctx: ModuleContext, s: PackageSpec): Promise<string | { error: string }> {
  if (s.version === undefined || !/[*?[]/.test(s.version)) return s.spec;
  const res = await run(ctx, ['apt-cache', 'madison', s.name]);
  const match = parseMadison(res.stdout).find((v) => versionMatches(v, s.version));
  return match === undefined ? { error: `no version of ${s.name} matches ${s.version}` } : `${s.name}=${match}`;
}

function normalizeState(s: AptArgs['state']): AptState {
  return s === 'installed' || s === undefined ? 'present' : s === 'removed' ? 'absent' : s;
}

export const apt = defineModule<AptArgs, AptPlan>({
  name: 'apt',
  schema: objectSchema(
    {
      name: strOrList,
      state: { ...enumOf('present', 'absent', 'latest', 'installed', 'removed'), default: 'present' },
      update_cache: { ...bool, default: false },
      cache_valid_time: { ...int, minimum: 0 },
      install_recommends: bool,
      purge: { ...bool, default: false },
      autoremove: { ...bool, default: false },
      allow_downgrade: { ...bool, default: false },
      allow_change_held_packages: { ...bool, default: false },
      dpkg_options: { ...str, default: 'force-confdef,force-confold' },
      lock_timeout: { ...int, default: 60 },
    },
    {
      aliases: {
        pkg: 'name', package: 'name', 'update-cache': 'update_cache', 'install-recommends': 'install_recommends',
        allow_downgrades: 'allow_downgrade', 'allow-downgrade': 'allow_downgrade', 'allow-downgrades': 'allow_downgrade',
      },
    },
  ),
  async check(input, ctx) {
    const args = canonical(input);
    const updateCache = args.update_cache === true;
    const specs: PackageSpec[] = [];
    for (const raw of toList(pick(args.name, args.pkg, args.package))) {
      const s = parseSpec(raw);
      if ('error' in s) return fail(s.error);
      specs.push(s);
    }
    if (specs.length === 0 && !updateCache) return fail('nothing to do: give name or update_cache');
    const state = normalizeState(args.state);
    const res = await runScript(ctx, CHECK_SCRIPT, [...new Set(specs.map((s) => s.name))]);
    if (res.rc !== 0) return fail(`cannot query dpkg: ${firstError(res)}`);
    const probe = parseAptProbe(res.stdout);
    const stale = cacheIsStale(updateCache, args.cache_valid_time, probe.mtime, probe.now);
    const data = { cache_updated: false, cache_update_time: probe.mtime ?? 0 };
    if (specs.length === 0) {
      // Only a cache update was asked for: it is the change (as in Ansible).
      return stale ? { changed: true, plan: { updateCache: true, install: [], remove: [] } } : unchanged(data);
    }
    const d = decideApt(specs, parseDpkgQuery(probe.dpkg), state);
    const plan: AptPlan = { updateCache: stale, install: state === 'latest' ? specs : d.install, remove: d.remove };
    const listed = (l: readonly PackageSpec[]): string => l.map((s) => s.spec).join(' ');
    const diffOf = (inst: string, rem: string): { diff: { path: string; before: string; after: string }[] } | object =>
      ctx.diff ? { diff: [{ path: 'apt packages', before: rem === '' ? '' : `remove: ${rem}\n`, after: inst === '' ? '' : `install: ${inst}\n` }] } : {};
    if (d.install.length > 0 || d.remove.length > 0) return { changed: true, plan, ...diffOf(listed(d.install), listed(d.remove)) };
    if (!d.needsUpgradeCheck) return unchanged(data);
    // state=latest with everything installed: apt must say whether upgrades exist.
    if (!ctx.check) return { changed: 'unknown', plan };
    const sim = await run(ctx, ['apt-get', '-s', '-q', 'install', ...specs.map((s) => s.spec)], { env: ENV });
    if (sim.rc !== 0) return { changed: 'unknown', msg: `apt-get -s failed: ${firstError(sim)}`, plan };
    const inst = parseSimulation(sim.stdout).inst;
    if (inst.length === 0) return unchanged(data);
    return { changed: true, plan, ...(stale ? { msg: 'predicted from the current package cache, before its update' } : {}), ...diffOf(inst.join(' '), '') };
  },
  async apply(input, ctx, outcome): Promise<ModuleResult> {
    const args = canonical(input);
    const plan = outcome.plan;
    if (plan === undefined) return { changed: false };
    let cacheUpdated = false;
    const outputs: string[] = [];
    if (plan.updateCache) {
      const up = await run(ctx, ['apt-get', 'update', '-q', '-o', `DPkg::Lock::Timeout=${args.lock_timeout ?? 60}`], { env: ENV });
      if (up.rc !== 0) return { changed: false, failed: true, msg: `Failed to update apt cache: ${firstError(up)}`, data: outputData(up) };
      cacheUpdated = true;
      outputs.push(up.stdout);
    }
    const cacheData = { cache_updated: cacheUpdated, cache_update_time: Math.floor(Date.now() / 1000) };
    if (plan.install.length === 0 && plan.remove.length === 0) return { changed: cacheUpdated, data: cacheData };
    const words: string[] = [];
    for (const s of plan.install) {
      const v = await resolveVersion(ctx, s);
      if (typeof v !== 'string') return { changed: cacheUpdated, failed: true, msg: v.error, data: cacheData };
      words.push(v);
    }
    const argv = plan.install.length > 0
      ? ['apt-get', 'install', ...options(args), ...words]
      : ['apt-get', 'remove', ...options(args), ...(args.purge === true ? ['--purge'] : []), ...plan.remove.map((s) => s.name)];
    const res = await run(ctx, argv, { env: ENV });
    const data = { ...cacheData, ...outputData(res) };
    if (res.rc !== 0) return { changed: cacheUpdated, failed: true, msg: `'${argv.join(' ')}' failed: ${firstError(res)}`, data };
    const summary = parseSummary(res.stdout);
    const changed = summary === undefined ? true : summary.installed + summary.upgraded + summary.removed > 0;
    return { changed, ...(outcome.diff === undefined ? {} : { diff: outcome.diff }), data };
  },
});
