// sysctl: a kernel parameter persisted in a sysctl.d file and, with reload (the default),
// set now with `sysctl -w` when the live value differs. One round trip reads the live value
// and the file; the file edit is a pure function.
import { defineModule } from './types.js';
import { applyFile, planFile, type FilePlan } from './support/desired-file.js';
import { firstError, run, runScript } from './support/host.js';
import { fail } from './support/outcome.js';
import { PROBE_FN, parseProbe, probeArgs } from './support/probe-path.js';
import { bool, enumOf, objectSchema, pick, str } from './support/schema.js';
import { splitKeepEnds } from './lineinfile.js';

export const DEFAULT_SYSCTL_FILE = '/etc/sysctl.d/99-deckhand.conf';

export interface SysctlArgs {
  readonly name?: string;
  readonly key?: string;
  readonly value?: string | number | boolean;
  readonly val?: string | number | boolean;
  readonly state?: 'present' | 'absent';
  readonly sysctl_file?: string;
  readonly reload?: boolean;
  readonly sysctl_set?: boolean;
  readonly ignoreerrors?: boolean;
}

interface SysctlPlan {
  readonly file?: FilePlan;
  /** `key=value` for sysctl -w, when the live value differs. */
  readonly set?: string;
}

/** Values compare as sysctl prints them: whitespace-separated words. */
export function normalizeValue(v: string): string {
  return v.trim().split(/\s+/).join(' ');
}
const normalizeKey = (k: string): string => k.trim().replace(/\//g, '.');

/** Sets (or with value undefined removes) `key` in a sysctl.conf text, keeping other lines. */
export function editSysctl(text: string, key: string, value: string | undefined): string {
  const want = normalizeKey(key);
  let seen = false;
  const out: string[] = [];
  for (const line of splitKeepEnds(text)) {
    const bare = line.trim();
    const eq = bare.indexOf('=');
    const isEntry = bare !== '' && !bare.startsWith('#') && !bare.startsWith(';') && eq > 0;
    if (!isEntry || normalizeKey(bare.slice(0, eq).replace(/^-/, '')) !== want) {
      out.push(line);
      continue;
    }
    // The first entry wins a place; later duplicates would override it, so they go.
    if (value === undefined || seen) continue;
    seen = true;
    out.push(normalizeValue(bare.slice(eq + 1)) === normalizeValue(value) ? line : `${key}=${value}\n`);
  }
  if (value !== undefined && !seen) {
    const last = out[out.length - 1];
    if (last !== undefined && !last.endsWith('\n')) out[out.length - 1] = `${last}\n`;
    out.push(`${key}=${value}\n`);
  }
  return out.join('');
}

const CHECK_SCRIPT = `${PROBE_FN}
v=$(sysctl -n "$1" 2>/dev/null); rc=$?
printf '%s\\n' "$rc"; printf '%s' "$v" | tr '\\n\\t' '  '; echo
shift; probe "$@"`;

function valueText(v: string | number | boolean | undefined): string | undefined {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return v === undefined ? undefined : String(v);
}

export const sysctl = defineModule<SysctlArgs, SysctlPlan>({
  name: 'sysctl',
  schema: objectSchema(
    {
      name: str,
      value: { type: ['string', 'number', 'boolean'] },
      state: { ...enumOf('present', 'absent'), default: 'present' },
      sysctl_file: { ...str, default: DEFAULT_SYSCTL_FILE },
      reload: { ...bool, default: true },
      sysctl_set: bool,
      ignoreerrors: { ...bool, default: false },
    },
    { aliases: { key: 'name', val: 'value' } },
  ),
  async check(args, ctx) {
    const key = pick(args.name, args.key);
    if (key === undefined || !/^[A-Za-z0-9][A-Za-z0-9_./*:@-]*$/.test(key)) return fail(`a valid name is required, got ${String(key)}`);
    const state = args.state ?? 'present';
    const value = valueText(pick(args.value, args.val));
    if (state === 'present' && value === undefined) return fail('value is required with state=present');
    const path = args.sysctl_file ?? DEFAULT_SYSCTL_FILE;
    const res = await runScript(ctx, CHECK_SCRIPT, [key, ...probeArgs(path, { follow: true, checksums: ['sha1'], content: true })]);
    const nl1 = res.stdout.indexOf('\n');
    const nl2 = res.stdout.indexOf('\n', nl1 + 1);
    const parsed = parseProbe(res.stdout.slice(nl2 + 1));
    if (res.rc !== 0 || nl1 < 0 || nl2 < 0 || parsed === null) return fail(`cannot read ${key} and ${path}: ${firstError(res)}`);
    const liveKnown = res.stdout.slice(0, nl1) === '0';
    const live = res.stdout.slice(nl1 + 1, nl2);
    const info = parsed.info;
    if (info !== undefined && info.content === undefined) return fail(`${path} is not a readable text file`);
    const before = info?.content;
    const after = before === undefined && state === 'absent' ? undefined : editSysctl(before ?? '', key, state === 'present' ? value : undefined);
    const reload = args.reload !== false || args.sysctl_set === true;
    const set = reload && state === 'present' && value !== undefined && (!liveKnown || normalizeValue(live) !== normalizeValue(value)) ? `${key}=${value}` : undefined;
    const data = { name: key, value: value ?? null, state, sysctl_file: path };
    const file = planFile(
      {
        dest: path,
        info,
        ...(after === undefined ? {} : { source: { kind: 'stdin' as const, content: after } }),
        contentChanged: after !== undefined && after !== before,
        attrs: {},
        diff: { path, before: before ?? '', after: after ?? '' },
        wantDiff: ctx.diff,
      },
      data,
    );
    if (file.final?.failed === true) return { changed: false, final: file.final };
    const fileChanges = file.changed === true;
    if (!fileChanges && set === undefined) return { changed: false, final: { changed: false, data } };
    const diff = file.diff ?? (ctx.diff && set !== undefined ? [{ path: `sysctl ${key}`, before: `${liveKnown ? live : '(unknown key)'}\n`, after: `${value ?? ''}\n` }] : undefined);
    return {
      changed: true,
      plan: { ...(fileChanges && file.plan !== undefined ? { file: file.plan } : {}), ...(set === undefined ? {} : { set }) },
      ...(diff === undefined ? {} : { diff }),
    };
  },
  async apply(args, ctx, outcome) {
    const plan = outcome.plan;
    const data = { name: pick(args.name, args.key), value: valueText(pick(args.value, args.val)) ?? null, state: args.state ?? 'present', sysctl_file: args.sysctl_file ?? DEFAULT_SYSCTL_FILE };
    const diff = outcome.diff === undefined ? {} : { diff: outcome.diff };
    if (plan?.file !== undefined) {
      const written = await applyFile(ctx, { changed: true, plan: plan.file }, data);
      if (written.failed === true) return written;
    }
    if (plan?.set !== undefined) {
      const res = await run(ctx, ['sysctl', '-w', plan.set]);
      if (res.rc !== 0 && args.ignoreerrors !== true) return { changed: plan.file !== undefined, failed: true, msg: `setting ${plan.set} failed: ${firstError(res)}`, ...diff, data };
    }
    return { changed: true, ...diff, data };
  },
});
