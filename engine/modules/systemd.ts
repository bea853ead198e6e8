// systemd (also `service`): a unit started/stopped/restarted/reloaded, enabled or not, masked
// or not. One round trip asks `systemctl show` and `systemctl is-enabled`; the decision is a
// pure function of those answers; apply runs the systemctl verbs in one more.
import { defineModule, type ModuleContext, type ModuleResult } from './types.js';
import { firstError, runScript } from './support/host.js';
import { fail, unchanged } from './support/outcome.js';
import { bool, enumOf, objectSchema, pick, str } from './support/schema.js';

export interface SystemdArgs {
  readonly name?: string;
  readonly service?: string;
  readonly unit?: string;
  readonly state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  readonly enabled?: boolean;
  readonly masked?: boolean;
  readonly daemon_reload?: boolean;
  readonly 'daemon-reload'?: boolean;
  readonly daemon_reexec?: boolean;
  readonly scope?: 'system' | 'user' | 'global';
  readonly no_block?: boolean;
}

export type UnitStatus = Readonly<Record<string, string>>;

const PROPS = 'Id,LoadState,ActiveState,SubState,UnitFileState,NeedDaemonReload,Description';
const QUERY = `s=; [ "$1" = user ] && s=--user; [ "$1" = global ] && s=--global
[ -z "$2" ] && exit 0
systemctl $s show --property=${PROPS} -- "$2" || exit 1
echo "IsEnabled=$(systemctl $s is-enabled -- "$2" 2>/dev/null)"`;

const RUN = `s=; [ "$1" = user ] && s=--user; [ "$1" = global ] && s=--global; nb=$2; n=$3; shift 3
for a in "$@"; do
  case $a in daemon-reload|daemon-reexec) systemctl $s "$a" ;; *) systemctl $s $nb "$a" -- "$n" ;; esac || { echo "failed: systemctl $a" >&2; exit 1; }
done
[ -z "$n" ] || systemctl $s show --property=${PROPS} -- "$n"`;

export function parseShow(out: string): Record<string, string> {
  const status: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) status[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return status;
}

// `systemctl is-enabled` answers that exit 0: the unit starts at boot (or cannot be enabled).
const ENABLED = new Set(['enabled', 'enabled-runtime', 'static', 'indirect', 'generated', 'alias', 'transient']);
const RUNNING = new Set(['active', 'activating', 'reloading']);

export interface Decision {
  readonly actions: readonly string[];
  readonly error?: string;
}

/** The systemctl verbs that bring a unit from `status` to what `args` ask, in order. */
export function decideUnit(args: SystemdArgs, status: UnitStatus): Decision {
  const actions: string[] = [];
  const wantsUnit = args.state !== undefined || args.enabled !== undefined || args.masked !== undefined;
  if (wantsUnit && status['LoadState'] === 'not-found') return { actions: [], error: `Could not find the requested service ${status['Id'] ?? ''}` };
  const enabledState = status['IsEnabled'] ?? status['UnitFileState'] ?? '';
  const masked = enabledState.startsWith('masked') || status['LoadState'] === 'masked';
  if (args.masked === false && masked) actions.push('unmask');
  if (args.enabled === true && (!ENABLED.has(enabledState) || (masked && args.masked !== false))) actions.push('enable');
  if (args.enabled === false && (enabledState === 'enabled' || enabledState === 'enabled-runtime')) actions.push('disable');
  const running = RUNNING.has(status['ActiveState'] ?? '');
  if (args.state === 'started' && !running) actions.push('start');
  if (args.state === 'stopped' && running) actions.push('stop');
  if (args.state === 'restarted') actions.push('restart');
  if (args.state === 'reloaded') actions.push(running ? 'reload' : 'start');
  if (args.masked === true && !masked) actions.push('mask');
  return { actions };
}

interface SystemdPlan {
  readonly reload: boolean;
  readonly actions: readonly string[];
}

function unitOf(args: SystemdArgs): string | undefined {
  return pick(args.name, args.service, args.unit);
}

async function query(ctx: ModuleContext, args: SystemdArgs): Promise<UnitStatus | { error: string }> {
  const res = await runScript(ctx, QUERY, [args.scope ?? 'system', unitOf(args) ?? '']);
  if (res.rc !== 0) return { error: `systemctl show failed: ${firstError(res)}` };
  return parseShow(res.stdout);
}

export const systemd = defineModule<SystemdArgs, SystemdPlan>({
  name: 'systemd',
  aliases: ['service', 'systemd_service'],
  schema: objectSchema(
    {
      name: str,
      state: enumOf('started', 'stopped', 'restarted', 'reloaded'),
      enabled: bool,
      masked: bool,
      daemon_reload: { ...bool, default: false },
      daemon_reexec: { ...bool, default: false },
      scope: { ...enumOf('system', 'user', 'global'), default: 'system' },
      no_block: { ...bool, default: false },
    },
    { aliases: { service: 'name', unit: 'name', 'daemon-reload': 'daemon_reload' } },
  ),
  async check(args, ctx) {
    const name = unitOf(args);
    const reloadAsked = pick(args.daemon_reload, args['daemon-reload']) === true || args.daemon_reexec === true;
    if (name === undefined && !reloadAsked) return fail('name is required unless daemon_reload or daemon_reexec');
    if (name !== undefined && name.startsWith('-')) return fail(`invalid unit name ${name}`);
    const status = await query(ctx, args);
    if ('error' in status) return fail(status.error);
    const data = { name: name ?? null, state: args.state ?? null, enabled: args.enabled ?? null, status };
    // Without a unit there is nothing to compare: the reload runs and is not counted as a change.
    if (name === undefined) return { changed: 'unknown', plan: { reload: true, actions: [] }, ...(ctx.check ? { msg: 'daemon-reload would run' } : {}) };
    const reload = reloadAsked && status['NeedDaemonReload'] === 'yes';
    const d = decideUnit(args, status);
    if (d.error !== undefined) {
      // In check mode the unit may come from an earlier task that did not run.
      if (ctx.check) return { changed: true, msg: `${d.error}; assuming an earlier task would install it` };
      if (!reloadAsked) return fail(`${d.error}: host`, data);
    }
    if (!reload && d.actions.length === 0 && d.error === undefined) return unchanged(data);
    const plan = { reload: reload || d.error !== undefined, actions: d.actions };
    const shown = [...(plan.reload ? ['daemon-reload'] : []), ...d.actions];
    return { changed: true, plan, ...(ctx.diff ? { diff: [{ path: `unit ${name}`, before: `${status['ActiveState'] ?? '?'}, ${status['IsEnabled'] ?? '?'}\n`, after: `${shown.join(', ')}\n` }] } : {}) };
  },
  async apply(args, ctx, outcome): Promise<ModuleResult> {
    const plan = outcome.plan ?? { reload: false, actions: [] };
    const name = unitOf(args);
    let actions = plan.actions;
    const verbs: string[] = [];
    if (plan.reload) {
      verbs.push(args.daemon_reexec === true ? 'daemon-reexec' : 'daemon-reload');
      if (name !== undefined) {
        // After a reload the unit may look different (or exist at all): decide again.
        const reloaded = await runScript(ctx, RUN, [args.scope ?? 'system', '', '', ...verbs]);
        if (reloaded.rc !== 0) return { changed: false, failed: true, msg: firstError(reloaded) };
        verbs.length = 0;
        const status = await query(ctx, args);
        if ('error' in status) return { changed: true, failed: true, msg: status.error };
        const d = decideUnit(args, status);
        if (d.error !== undefined) return { changed: true, failed: true, msg: `${d.error}: host` };
        actions = d.actions;
      }
    }
    verbs.push(...actions);
    const res = await runScript(ctx, RUN, [args.scope ?? 'system', args.no_block === true ? '--no-block' : '', name ?? '', ...verbs]);
    const status = parseShow(res.stdout);
    const data = { name: name ?? null, state: args.state ?? null, enabled: args.enabled ?? null, status };
    if (res.rc !== 0) return { changed: plan.reload, failed: true, msg: `${firstError(res)} (${name ?? ''})`, data };
    const changed = name === undefined ? false : plan.reload || actions.length > 0;
    return { changed, ...(outcome.diff === undefined ? {} : { diff: outcome.diff }), data };
  },
});
