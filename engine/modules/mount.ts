// mount: an /etc/fstab entry (present/absent) and the mount itself (mounted/unmounted/
// remounted). Swap entries (fstype swap) are switched with swapon/swapoff instead of mount.
// One round trip reads /proc/mounts, /proc/swaps and the fstab; the fstab edit is pure.
import { defineModule } from './types.js';
import { applyFile, planFile, type FilePlan } from './support/desired-file.js';
import { firstError, run, runScript } from './support/host.js';
import { fail } from './support/outcome.js';
import { PROBE_FN, parseProbe, probeArgs } from './support/probe-path.js';
import { bool, enumOf, objectSchema, pick, str } from './support/schema.js';
import { splitKeepEnds } from './lineinfile.js';

export type MountState = 'mounted' | 'unmounted' | 'present' | 'absent' | 'remounted';

export interface MountArgs {
  readonly path?: string;
  readonly name?: string;
  readonly src?: string;
  readonly fstype?: string;
  readonly opts?: string;
  readonly dump?: string | number;
  readonly passno?: string | number;
  readonly state: MountState;
  readonly fstab?: string;
  readonly backup?: boolean;
  readonly boot?: boolean;
}

export interface FstabEntry {
  readonly src: string;
  readonly path: string;
  readonly fstype: string;
  readonly opts: string;
  readonly dump: string;
  readonly passno: string;
}

const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
const escape = (s: string): string => s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);

export function parseEntry(line: string): FstabEntry | undefined {
  const bare = line.trim();
  if (bare === '' || bare.startsWith('#')) return undefined;
  const f = bare.split(/\s+/).map(unescape);
  if (f.length < 2) return undefined;
  return { src: f[0] ?? '', path: f[1] ?? '', fstype: f[2] ?? '', opts: f[3] ?? 'defaults', dump: f[4] ?? '0', passno: f[5] ?? '0' };
}

export function formatEntry(e: FstabEntry): string {
  return `${[e.src, e.path, e.fstype, e.opts, e.dump, e.passno].map(escape).join(' ')}\n`;
}

const same = (a: FstabEntry, b: FstabEntry): boolean =>
  a.src === b.src && a.fstype === b.fstype && a.opts === b.opts && a.dump === b.dump && a.passno === b.passno;

/**
 * The fstab with `want` as the only entry for its mount point, or (want undefined) with every
 * entry for `path` removed; `fstype` narrows removal (path none + fstype swap: the swap lines).
 */
export function editFstab(text: string, path: string, want: FstabEntry | undefined, fstype?: string): { text: string; removed: FstabEntry[] } {
  const out: string[] = [];
  const removed: FstabEntry[] = [];
  let placed = false;
  for (const line of splitKeepEnds(text)) {
    const e = parseEntry(line);
    if (e === undefined || e.path !== path || (want === undefined && fstype !== undefined && e.fstype !== fstype)) {
      out.push(line);
      continue;
    }
    if (want === undefined || placed) {
      removed.push(e);
      continue;
    }
    placed = true;
    out.push(same(e, want) ? line : formatEntry(want));
  }
  if (want !== undefined && !placed) {
    const last = out[out.length - 1];
    if (last !== undefined && !last.endsWith('\n')) out[out.length - 1] = `${last}\n`;
    out.push(formatEntry(want));
  }
  return { text: out.join(''), removed };
}

/** Mount points in /proc/mounts and active swap devices in /proc/swaps. */
export function parseMounts(mounts: string, swaps: string): { mounted: Set<string>; swaps: Set<string> } {
  const mounted = new Set(mounts.split('\n').map((l) => unescape(l.split(' ')[1] ?? '')).filter((p) => p !== ''));
  const active = new Set(swaps.split('\n').slice(1).map((l) => unescape(l.split(/\s+/)[0] ?? '')).filter((p) => p !== ''));
  return { mounted, swaps: active };
}

type Action = readonly [verb: 'mount' | 'umount' | 'remount' | 'swapon' | 'swapoff', target: string];
interface MountPlan {
  readonly file?: FilePlan;
  readonly actions: readonly Action[];
}

const CHECK_SCRIPT = `${PROBE_FN}\ncat /proc/mounts || exit 1; echo @@swaps; cat /proc/swaps 2>/dev/null; echo @@fstab; probe "$@"`;

export const mount = defineModule<MountArgs, MountPlan>({
  name: 'mount',
  schema: objectSchema(
    {
      path: str,
      src: str,
      fstype: str,
      opts: str,
      dump: { type: ['string', 'integer'] },
      passno: { type: ['string', 'integer'] },
      state: enumOf('mounted', 'unmounted', 'present', 'absent', 'remounted'),
      fstab: { ...str, default: '/etc/fstab' },
      backup: { ...bool, default: false },
      boot: { ...bool, default: true },
    },
    { required: ['state'], aliases: { name: 'path' } },
  ),
  async check(args, ctx) {
    const path = pick(args.path, args.name);
    if (path === undefined) return fail('path is required');
    const fstab = args.fstab ?? '/etc/fstab';
    const res = await runScript(ctx, CHECK_SCRIPT, probeArgs(fstab, { follow: true, checksums: ['sha1'], content: true }));
    const [mounts = '', rest = ''] = res.stdout.split('@@swaps\n');
    const [swapsText = '', probeOut = ''] = rest.split('@@fstab\n');
    const probe = parseProbe(probeOut);
    if (res.rc !== 0 || probe === null) return fail(`cannot read mounts and ${fstab}: ${firstError(res)}`);
    const live = parseMounts(mounts, swapsText);
    const before = probe.info?.content ?? '';
    const swap = args.fstype === 'swap';
    let want: FstabEntry | undefined;
    if (args.state === 'present' || args.state === 'mounted') {
      if (args.src === undefined || args.fstype === undefined) return fail(`src and fstype are required with state=${args.state}`);
      let opts = args.opts ?? 'defaults';
      if (args.boot === false && !opts.split(',').includes('noauto')) opts = opts === 'defaults' ? 'noauto' : `${opts},noauto`;
      want = { src: args.src, path, fstype: args.fstype, opts, dump: String(args.dump ?? '0'), passno: String(args.passno ?? '0') };
    }
    const edited = args.state === 'unmounted' || args.state === 'remounted' ? { text: before, removed: [] } : editFstab(before, path, want, args.fstype);
    const actions: Action[] = [];
    const isActive = swap ? (args.src !== undefined && live.swaps.has(args.src)) : live.mounted.has(path);
    if (args.state === 'mounted' && !isActive) actions.push(swap ? ['swapon', args.src ?? ''] : ['mount', path]);
    else if (args.state === 'mounted' && edited.text !== before && !swap) actions.push(['remount', path]);
    if (args.state === 'remounted') actions.push(['remount', path]);
    if (args.state === 'unmounted' || args.state === 'absent') {
      if (swap) for (const s of new Set([...(args.src === undefined ? [] : [args.src]), ...edited.removed.map((e) => e.src)])) { if (live.swaps.has(s)) actions.push(['swapoff', s]); }
      else if (live.mounted.has(path)) actions.push(['umount', path]);
    }
    const data = { name: path, src: args.src ?? null, fstype: args.fstype ?? null, opts: want?.opts ?? args.opts ?? null, fstab, state: args.state };
    const file = planFile(
      { dest: fstab, info: probe.info, source: { kind: 'stdin', content: edited.text }, contentChanged: edited.text !== before, attrs: {}, backup: args.backup === true, diff: { path: fstab, before, after: edited.text }, wantDiff: ctx.diff },
      data,
    );
    if (file.final?.failed === true) return { changed: false, final: file.final };
    if (file.changed !== true && actions.length === 0) return { changed: false, final: { changed: false, data } };
    return {
      changed: true,
      plan: { ...(file.changed === true && file.plan !== undefined ? { file: file.plan } : {}), actions },
      ...(file.diff !== undefined ? { diff: file.diff } : ctx.diff ? { diff: [{ path, before: isActive ? 'mounted\n' : 'not mounted\n', after: `${actions.map((a) => a.join(' ')).join('\n')}\n` }] } : {}),
    };
  },
  async apply(args, ctx, outcome) {
    const plan = outcome.plan;
    const path = pick(args.path, args.name) ?? '';
    const fstab = args.fstab ?? '/etc/fstab';
    const data = { name: path, src: args.src ?? null, fstype: args.fstype ?? null, fstab, state: args.state };
    const diff = outcome.diff === undefined ? {} : { diff: outcome.diff };
    if (plan?.file !== undefined) {
      const w = await applyFile(ctx, { changed: true, plan: plan.file }, data);
      if (w.failed === true) return w;
    }
    for (const [verb, target] of plan?.actions ?? []) {
      // A mount outside /etc/fstab needs its source and type spelled out.
      const argv =
        verb === 'mount' && fstab !== '/etc/fstab'
          ? ['mount', '-t', args.fstype ?? 'auto', '-o', args.opts ?? 'defaults', args.src ?? '', target]
          : verb === 'remount' ? ['mount', '-o', `remount${args.opts === undefined ? '' : `,${args.opts}`}`, target]
          : [verb, target];
      if (verb === 'mount') await run(ctx, ['mkdir', '-p', '--', target]);
      const res = await run(ctx, argv);
      if (res.rc !== 0) return { changed: true, failed: true, msg: `${argv.join(' ')} failed: ${firstError(res)}`, ...diff, data };
    }
    return { changed: true, ...diff, data };
  },
});
