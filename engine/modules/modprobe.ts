// modprobe: a kernel module loaded (or unloaded) now, and with `persistent` also at boot via
// /etc/modules-load.d/NAME.conf (+ /etc/modprobe.d/NAME.conf for params). "Loaded" is what
// lsmod lists (it reads /proc/modules; where no lsmod exists, /proc/modules is read directly)
// or a module built into the kernel (modules.builtin).
import { defineModule } from './types.js';
import { firstError, run, runScript } from './support/host.js';
import { fail, unchanged } from './support/outcome.js';
import { PROBE_FN, parseProbe, probeArgs, type PathInfo } from './support/probe-path.js';
import { enumOf, objectSchema, str } from './support/schema.js';
import { shlexSplit } from '../text/shlex.js';
import { sha256 } from './support/content-file.js';
import { writeFile } from './support/write-file.js';

export interface ModprobeArgs {
  readonly name: string;
  readonly state?: 'present' | 'absent';
  readonly params?: string;
  readonly persistent?: 'present' | 'absent' | 'disabled';
}

interface FileOp {
  readonly path: string;
  /** Content to write, or undefined to remove the file. */
  readonly content?: string;
}
interface ModprobePlan {
  readonly load?: 'load' | 'unload';
  readonly files: readonly FileOp[];
}

// One round trip: loaded modules, the builtin flag, then the persistent files' probes.
const CHECK_SCRIPT = `${PROBE_FN}
if command -v lsmod >/dev/null 2>&1; then lsmod; else cat /proc/modules; fi || exit 1
b=0; grep -q "/$1\\.ko" "/lib/modules/$(uname -r)/modules.builtin" 2>/dev/null && b=1; echo "builtin $b"
echo @@probes; shift
while [ $# -gt 0 ]; do probe "$1" "$2" "$3" "$4" "$5" || exit 1; shift 5; done`;

/** Module names from lsmod or /proc/modules output (the header line is skipped). */
export function parseLoaded(out: string): Set<string> {
  const names = new Set<string>();
  for (const line of out.split('\n')) {
    const name = line.split(/\s+/)[0] ?? '';
    if (name !== '' && name !== 'Module' && name !== 'builtin') names.add(name);
  }
  return names;
}

export function persistentFiles(name: string, params: string): { load: FileOp; options: FileOp } {
  return {
    load: { path: `/etc/modules-load.d/${name}.conf`, content: `${name}\n` },
    options: { path: `/etc/modprobe.d/${name}.conf`, ...(params.trim() === '' ? {} : { content: `options ${name} ${params.trim()}\n` }) },
  };
}

/** Which files must change for `persistent`, given what the probes found. */
export function decideFiles(name: string, params: string, persistent: string, found: readonly (PathInfo | undefined)[]): FileOp[] {
  if (persistent === 'disabled') return [];
  const { load, options } = persistentFiles(name, params);
  const wanted = persistent === 'present' ? [load, options] : [{ path: load.path }, { path: options.path }];
  return wanted.filter((op, i) => {
    const info = found[i];
    if (op.content === undefined) return info !== undefined;
    return info?.checksums.sha256 !== sha256(new TextEncoder().encode(op.content));
  });
}

export const modprobe = defineModule<ModprobeArgs, ModprobePlan>({
  name: 'modprobe',
  schema: objectSchema(
    {
      name: str,
      state: { ...enumOf('present', 'absent'), default: 'present' },
      params: { ...str, default: '' },
      persistent: { ...enumOf('present', 'absent', 'disabled'), default: 'disabled' },
    },
    { required: ['name'] },
  ),
  async check(args, ctx) {
    if (!/^[A-Za-z0-9_-]+$/.test(args.name)) return fail(`invalid module name ${args.name}`);
    const canonical = args.name.replace(/-/g, '_');
    const state = args.state ?? 'present';
    const params = args.params ?? '';
    const persistent = args.persistent ?? 'disabled';
    const { load, options } = persistentFiles(args.name, params);
    const probes = persistent === 'disabled' ? [] : [load, options].flatMap((f) => probeArgs(f.path, { checksums: ['sha256'] }));
    const res = await runScript(ctx, CHECK_SCRIPT, [canonical, ...probes]);
    const [listing = '', probeOut = ''] = res.stdout.split('@@probes\n');
    if (res.rc !== 0) return fail(`cannot list loaded modules: ${firstError(res)}`);
    const builtin = /^builtin 1$/m.test(listing);
    const loaded = builtin || parseLoaded(listing).has(canonical);
    if (state === 'absent' && builtin) return fail(`${args.name} is built into the kernel and cannot be removed`);
    let files: FileOp[] = [];
    if (persistent !== 'disabled') {
      const first = parseProbe(probeOut);
      const second = first === null ? null : parseProbe(first.rest);
      if (first === null || second === null) return fail('cannot inspect the persistent module files');
      files = decideFiles(args.name, params, persistent, [first.info, second.info]);
    }
    const action = state === 'present' && !loaded ? 'load' : state === 'absent' && loaded ? 'unload' : undefined;
    const data = { name: args.name, state, params, persistent };
    if (action === undefined && files.length === 0) return unchanged(data);
    const lines = [...(action === undefined ? [] : [`${action} ${args.name}`]), ...files.map((f) => (f.content === undefined ? `remove ${f.path}` : `write ${f.path}`))];
    return {
      changed: true,
      plan: { ...(action === undefined ? {} : { load: action }), files },
      ...(ctx.diff ? { diff: [{ path: `modprobe ${args.name}`, before: `loaded: ${loaded}\n`, after: `${lines.join('\n')}\n` }] } : {}),
    };
  },
  async apply(args, ctx, outcome) {
    const plan = outcome.plan;
    const data = { name: args.name, state: args.state ?? 'present', params: args.params ?? '', persistent: args.persistent ?? 'disabled' };
    if (plan === undefined) return { changed: false, data };
    if (plan.load !== undefined) {
      const words = shlexSplit(args.params ?? '');
      const extra = words.ok ? words.tokens.map((w) => w.text) : [];
      const argv = plan.load === 'load' ? ['modprobe', args.name, ...extra] : ['modprobe', '-r', args.name];
      const res = await run(ctx, argv);
      if (res.rc !== 0) return { changed: false, failed: true, msg: `${argv.join(' ')} failed: ${firstError(res)}`, data: { ...data, rc: res.rc, stderr: res.stderr } };
    }
    for (const f of plan.files) {
      if (f.content !== undefined) {
        const w = await writeFile(ctx, { dest: f.path, source: { kind: 'text', text: f.content } });
        if (!w.ok) return { changed: true, failed: true, msg: w.msg, data };
      } else {
        const res = await run(ctx, ['rm', '-f', '--', f.path]);
        if (res.rc !== 0) return { changed: true, failed: true, msg: `cannot remove ${f.path}: ${firstError(res)}`, data };
      }
    }
    return { changed: true, ...(outcome.diff === undefined ? {} : { diff: outcome.diff }), data };
  },
});
