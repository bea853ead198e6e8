// deb822_repository: an apt source in deb822 format at /etc/apt/sources.list.d/NAME.sources,
// rendered like Ansible's module (fields sorted by argument name, so files Ansible wrote
// compare equal). signed_by may be a path on the host, an inline key, or a URL: the key is
// then fetched on the host and kept at /etc/apt/keyrings/NAME.asc (.gpg if not armored).
// Like Ansible, it does not update the apt cache: use apt update_cache after a change.
import { defineModule } from './types.js';
import { sha256 } from './support/content-file.js';
import { firstError, run, runScript } from './support/host.js';
import { fail, unchanged } from './support/outcome.js';
import { PROBE_FN, parseProbe, probeArgs, type PathInfo } from './support/probe-path.js';
import { bool, enumOf, int, mode, objectSchema, str, strOrList, toList } from './support/schema.js';
import { writeFile } from './support/write-file.js';

export interface Deb822Args {
  readonly name: string;
  readonly types?: string | readonly string[];
  readonly uris?: string | readonly string[];
  readonly suites?: string | readonly string[];
  readonly components?: string | readonly string[];
  readonly architectures?: string | readonly string[];
  readonly languages?: string | readonly string[];
  readonly targets?: string | readonly string[];
  readonly signed_by?: string;
  readonly enabled?: boolean;
  readonly trusted?: boolean;
  readonly by_hash?: boolean;
  readonly pdiffs?: boolean;
  readonly allow_insecure?: boolean;
  readonly allow_weak?: boolean;
  readonly allow_downgrade_to_insecure?: boolean;
  readonly check_date?: boolean;
  readonly check_valid_until?: boolean;
  readonly date_max_future?: number;
  readonly inrelease_path?: string;
  readonly mode?: string | number;
  readonly state?: 'present' | 'absent';
}

const LISTS = ['types', 'uris', 'suites', 'components', 'architectures', 'languages', 'targets'] as const;
const FLAGS = ['enabled', 'trusted', 'by_hash', 'pdiffs', 'allow_insecure', 'allow_weak', 'allow_downgrade_to_insecure', 'check_date', 'check_valid_until'] as const;
const ARMOR = '-----BEGIN PGP PUBLIC KEY BLOCK-----';

/** Ansible's file name: lower case, spaces and underscores to dashes, other characters dropped. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[_\s]+/g, '-').replace(/[^a-z0-9-]+/g, '');
}

function fieldName(key: string): string {
  if (key === 'name') return 'X-Repolib-Name';
  if (key === 'uris') return 'URIs';
  return key.split('_').map((w) => (w === '' ? '' : w[0]?.toUpperCase() + w.slice(1))).join('-');
}

/** The .sources text; `signedBy` is what goes in Signed-By (a path or the key itself). */
export function renderSources(args: Deb822Args, signedBy: string | undefined): string {
  const fields: [string, string][] = [['name', args.name]];
  for (const k of LISTS) {
    const v = k === 'types' ? toList(args.types ?? ['deb']) : toList(args[k]);
    if (v.length > 0 || args[k] !== undefined) fields.push([k, v.join(' ')]);
  }
  for (const k of FLAGS) if (args[k] !== undefined) fields.push([k, args[k] === true ? 'yes' : 'no']);
  if (args.date_max_future !== undefined) fields.push(['date_max_future', String(args.date_max_future)]);
  if (args.inrelease_path !== undefined) fields.push(['inrelease_path', args.inrelease_path]);
  if (signedBy !== undefined) fields.push(['signed_by', signedBy]);
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return fields
    .map(([k, v]) => {
      if (!v.includes('\n')) return `${fieldName(k)}: ${v}\n`;
      const body = v.trim().split('\n').map((l) => `    ${l.trim() === '' ? '.' : l.trim()}`).join('\n');
      return `${fieldName(k)}:\n${body}\n`;
    })
    .join('');
}

type KeySource = { kind: 'path'; path: string } | { kind: 'inline'; text: string } | { kind: 'url'; url: string } | { kind: 'none' };

export function keySource(signedBy: string | undefined): KeySource {
  if (signedBy === undefined) return { kind: 'none' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(signedBy)) return { kind: 'url', url: signedBy };
  if (signedBy.startsWith('/')) return { kind: 'path', path: signedBy };
  return { kind: 'inline', text: signedBy };
}

interface WriteOp {
  readonly path: string;
  readonly content?: Uint8Array;
  readonly mode: string;
}
interface Deb822Plan {
  readonly ops: readonly WriteOp[];
}

const CHECK_SCRIPT = `${PROBE_FN}
url=$1; shift
probe "$1" "$2" "$3" "$4" "$5" || exit 1; shift 5
probe "$1" "$2" "$3" "$4" "$5" || exit 1; shift 5
echo @@key
if [ -n "$url" ]; then
  t=$(mktemp) || exit 1; curl -fsSL --max-time 60 -o "$t" --url "$url"; rc=$?
  echo "rc $rc $(base64 < "$t" | tr -d '\\n')"; rm -f -- "$t"
fi
echo @@sources
probe "$@"`;

function modeText(m: string | number | undefined): string {
  return m === undefined ? '0644' : typeof m === 'number' ? m.toString(8).padStart(4, '0') : m;
}

export const deb822Repository = defineModule<Deb822Args, Deb822Plan>({
  name: 'deb822_repository',
  schema: objectSchema(
    {
      name: str,
      ...Object.fromEntries(LISTS.map((k) => [k, strOrList])),
      ...Object.fromEntries(FLAGS.map((k) => [k, bool])),
      signed_by: str,
      date_max_future: int,
      inrelease_path: str,
      mode: { ...mode, default: '0644' },
      state: { ...enumOf('present', 'absent'), default: 'present' },
    },
    { required: ['name'] },
  ),
  async check(args, ctx) {
    const slug = slugOf(args.name);
    if (slug === '') return fail(`name ${args.name} gives an empty file name`);
    const dest = `/etc/apt/sources.list.d/${slug}.sources`;
    const keyrings = [`/etc/apt/keyrings/${slug}.asc`, `/etc/apt/keyrings/${slug}.gpg`];
    const state = args.state ?? 'present';
    const key = state === 'present' ? keySource(args.signed_by) : { kind: 'none' as const };
    if (state === 'present' && toList(args.uris).length === 0) return fail('uris is required with state=present');
    if (state === 'present' && toList(args.suites).length === 0) return fail('suites is required with state=present');
    const probeKey = keyrings.flatMap((k) => probeArgs(k, { checksums: ['sha256'] }));
    const res = await runScript(ctx, CHECK_SCRIPT, [key.kind === 'url' ? key.url : '', ...probeKey, ...probeArgs(dest, { checksums: ['sha256'], content: true })]);
    if (res.rc !== 0) return fail(`cannot inspect ${dest}: ${firstError(res)}`);
    const asc = parseProbe(res.stdout);
    const gpg = asc === null ? null : parseProbe(asc.rest);
    const [, keyPart = '', sourcesPart = ''] = res.stdout.split(/@@key\n|@@sources\n/);
    const sources = parseProbe(sourcesPart);
    if (asc === null || gpg === null || sources === null) return fail(`cannot inspect ${dest}: unexpected output`);
    const data: { dest: string; key_filename: string | null; repo: string | null } = { dest, key_filename: null, repo: null };
    const modeArg = modeText(args.mode);

    if (state === 'absent') {
      const gone = [[dest, sources.info], [keyrings[0], asc.info], [keyrings[1], gpg.info]].filter((p): p is [string, PathInfo] => p[1] !== undefined);
      if (gone.length === 0) return unchanged(data);
      return { changed: true, plan: { ops: gone.map(([path]) => ({ path, mode: '' })) }, ...(ctx.diff ? { diff: gone.map(([path]) => ({ path, before: 'present\n', after: 'absent\n' })) } : {}) };
    }
    const ops: WriteOp[] = [];
    let signedBy: string | undefined;
    if (key.kind === 'url') {
      const m = /^rc (\d+) (.*)$/m.exec(keyPart);
      const bytes = m?.[1] === '0' ? Buffer.from(m[2] ?? '', 'base64') : undefined;
      if (bytes === undefined || bytes.length === 0) return fail(`Could not fetch signed_by key from ${key.url}`);
      const armored = bytes.toString('latin1').includes(ARMOR);
      const path = armored ? keyrings[0] ?? '' : keyrings[1] ?? '';
      const have = armored ? asc.info : gpg.info;
      if (have?.checksums.sha256 !== sha256(bytes) || ((have.mode & 0o7777) !== 0o644)) ops.push({ path, content: bytes, mode: '0644' });
      signedBy = path;
      data.key_filename = path;
    } else if (key.kind !== 'none') signedBy = key.kind === 'path' ? key.path : key.text;
    const text = renderSources(args, signedBy);
    data.repo = text;
    const bytes = new TextEncoder().encode(text);
    const before = sources.info;
    const modeSpec = /^0?[0-7]{3,4}$/.test(modeArg) ? parseInt(modeArg, 8) : undefined;
    if (before?.checksums.sha256 !== sha256(bytes) || (modeSpec !== undefined && (before.mode & 0o7777) !== modeSpec)) ops.push({ path: dest, content: bytes, mode: modeArg });
    if (ops.length === 0) return unchanged(data);
    const diff = ctx.diff ? [{ path: dest, before: before?.content ?? '', after: text }] : undefined;
    return { changed: true, plan: { ops }, ...(diff === undefined ? {} : { diff }) };
  },
  async apply(args, ctx, outcome) {
    const slug = slugOf(args.name);
    const data = { dest: `/etc/apt/sources.list.d/${slug}.sources` };
    const diff = outcome.diff === undefined ? {} : { diff: outcome.diff };
    for (const op of outcome.plan?.ops ?? []) {
      if (op.content === undefined) {
        const res = await run(ctx, ['rm', '-f', '--', op.path]);
        if (res.rc !== 0) return { changed: true, failed: true, msg: `cannot remove ${op.path}: ${firstError(res)}`, data };
        continue;
      }
      if (op.path.startsWith('/etc/apt/keyrings/')) await run(ctx, ['install', '-d', '-m', '0755', '/etc/apt/keyrings']);
      const w = await writeFile(ctx, { dest: op.path, source: { kind: 'stdin', content: op.content }, mode: op.mode });
      if (!w.ok) return { changed: true, failed: true, msg: w.msg, data };
    }
    return { changed: true, ...diff, data };
  },
});
