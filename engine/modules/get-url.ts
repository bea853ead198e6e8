// get_url: downloads on the host with curl into a temp file beside dest and moves it into
// place only when its content differs. With a `checksum` that dest already matches, nothing
// is fetched; without one, an existing dest is left alone unless force. A real run is one
// round trip; check mode downloads to a temp file (deleted) only when it must compare.
import { defineModule, type ModuleContext, type ModuleResult } from './types.js';
import { formatMode } from './support/mode.js';
import { decideAttrs, pathData } from './support/file-attrs.js';
import { configLines } from './support/curl-config.js';
import { firstError, runScript } from './support/host.js';
import { fail } from './support/outcome.js';
import { PROBE_FN, parseProbe } from './support/probe-path.js';
import { bool, fileAttrs, int, objectSchema, str } from './support/schema.js';
import { setAttrs, WRITE_FN } from './support/write-file.js';

export interface GetUrlArgs {
  readonly url: string;
  readonly dest: string;
  readonly checksum?: string;
  readonly force?: boolean;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
  readonly backup?: boolean;
  readonly timeout?: number;
  readonly validate_certs?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly url_username?: string;
  readonly url_password?: string;
}

const ALGS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

export function parseChecksum(spec: string | undefined): { alg: string; hex: string } | { error: string } | undefined {
  if (spec === undefined || spec === '') return undefined;
  const m = /^(\w+):([0-9a-fA-F]+)$/.exec(spec.trim());
  if (m === null || !ALGS.includes(m[1] ?? '')) return { error: `checksum must be <algorithm>:<hex digest> with one of ${ALGS.join(', ')}; got ${spec}` };
  return { alg: m[1] ?? '', hex: (m[2] ?? '').toLowerCase() };
}

/** The file name a URL gives when dest is a directory. */
export function urlFileName(url: string): string {
  try {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return name === '' ? 'index.html' : name;
  } catch {
    return 'index.html';
  }
}

// $1 dest, $2 dry, $3 alg, $4 digest, $5 force, $6 mode, $7 owner, $8 group, then backup,
// timeout, insecure, file name. The URL, headers and credentials come on stdin as curl's
// config (downloadConfig), so none of them shows in the host's process list.
const SCRIPT = `${PROBE_FN}
${WRITE_FN}
dest=$1; dry=$2; alg=\${3:-sha256}; want=$4; force=$5; mode=$6; owner=$7; group=$8; shift 8
backup=$1; timeout=$2; insecure=$3; fname=$4; shift 4
sum() { h=$("\${1}sum" < "$2") && echo "\${h%% *}"; }
[ -d "$dest" ] && dest="\${dest%/}/$fname"
echo "dest $dest"
if [ -f "$dest" ] && [ -n "$want" ] && [ "$(sum "$alg" "$dest")" = "$want" ]; then echo "state ok checksum"; probe "$dest" 1 sha1 0 0; exit 0; fi
if [ -f "$dest" ] && [ "$force" != 1 ] && [ -z "$want" ]; then echo "state ok exists"; probe "$dest" 1 sha1 0 0; exit 0; fi
if [ "$dry" = 1 ] && [ ! -e "$dest" ]; then echo "state download absent"; exit 0; fi
tmp=$(mktemp "$(dirname -- "$dest")/.deckhand-get_url-XXXXXXXX" 2>/dev/null) || tmp=$(mktemp) || exit 1
k=; [ "$insecure" = 1 ] && k=-k
code=$(curl -sS -L --fail -o "$tmp" -w '%{http_code}' --max-time "$timeout" $k -K -); rc=$?
if [ $rc -ne 0 ]; then rm -f -- "$tmp"; echo "state fetch-failed $rc $code"; exit 0; fi
got=$(sum "$alg" "$tmp")
if [ -n "$want" ] && [ "$got" != "$want" ]; then rm -f -- "$tmp"; echo "state mismatch $got"; exit 0; fi
if [ -f "$dest" ] && [ "$(sum sha256 "$dest")" = "$(sum sha256 "$tmp")" ]; then rm -f -- "$tmp"; echo "state ok same $code"; probe "$dest" 1 sha1 0 0; exit 0; fi
if [ "$dry" = 1 ]; then rm -f -- "$tmp"; echo "state download differs"; exit 0; fi
case $tmp in "$(dirname -- "$dest")"/*) src=move ;; *) src=copy ;; esac
write_file "$dest" "$src" "$tmp" "$mode" "$owner" "$group" "$backup" || { rm -f -- "$tmp"; exit 1; }
rm -f -- "$tmp"
echo "state changed $code $got"; probe "$dest" 1 sha1 0 0`;

export interface GetUrlReport {
  readonly dest: string;
  readonly state: string;
  readonly detail: readonly string[];
  readonly backup?: string;
  readonly probe: string;
}

export function parseReport(out: string): GetUrlReport | undefined {
  const dest = /^dest (.*)$/m.exec(out)?.[1];
  const state = /^state (.*)$/m.exec(out);
  if (dest === undefined || state === null) return undefined;
  const [name = '', ...detail] = (state[1] ?? '').split(' ');
  const backup = /^backup\t(.*)$/m.exec(out)?.[1];
  return { dest, state: name, detail, ...(backup ? { backup } : {}), probe: out.slice(state.index + state[0].length + 1) };
}

export const getUrl = defineModule<GetUrlArgs>({
  name: 'get_url',
  schema: objectSchema(
    {
      url: str,
      dest: str,
      checksum: str,
      force: { ...bool, default: false },
      ...fileAttrs,
      backup: { ...bool, default: false },
      timeout: { ...int, minimum: 1, default: 10 },
      validate_certs: { ...bool, default: true },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      url_username: str,
      url_password: str,
    },
    { required: ['url', 'dest'] },
  ),
  async check(args, ctx) {
    const sum = parseChecksum(args.checksum);
    if (sum !== undefined && 'error' in sum) return fail(sum.error);
    // A real run does everything in apply's single round trip.
    if (!ctx.check) return { changed: 'unknown' };
    return download(args, ctx, true);
  },
  async apply(args, ctx) {
    const r = await download(args, ctx, false);
    return r.final ?? { changed: false };
  },
});

/** curl's config for the download: URL, headers, and credentials when given. */
export function downloadConfig(args: GetUrlArgs): string {
  const entries: [string, string][] = [['url', args.url]];
  for (const [k, v] of Object.entries(args.headers ?? {})) entries.push(['header', `${k}: ${v}`]);
  if (args.url_username !== undefined) entries.push(['user', `${args.url_username}:${args.url_password ?? ''}`]);
  return configLines(entries);
}

async function download(args: GetUrlArgs, ctx: ModuleContext, dry: boolean): Promise<{ changed: boolean; final?: ModuleResult }> {
  const sum = parseChecksum(args.checksum);
  const alg = sum !== undefined && !('error' in sum) ? sum : undefined;
  const argv = [
    args.dest, dry ? '1' : '0', alg?.alg ?? '', alg?.hex ?? '', args.force === true ? '1' : '0',
    args.mode === undefined ? '' : typeof args.mode === 'number' ? formatMode(args.mode) : args.mode,
    args.owner ?? '',
    args.group ?? '',
    args.backup === true ? '1' : '0', String(args.timeout ?? 10), args.validate_certs === false ? '1' : '0', urlFileName(args.url),
  ];
  const start = Date.now();
  const res = await runScript(ctx, SCRIPT, argv, { stdin: downloadConfig(args) });
  const report = parseReport(res.stdout);
  const base = { url: args.url, dest: report?.dest ?? args.dest, elapsed: Math.round((Date.now() - start) / 1000) };
  const failed = (msg: string): { changed: boolean; final: ModuleResult } => ({ changed: false, final: { changed: false, failed: true, msg, data: base } });
  if (res.rc !== 0 || report === undefined) return failed(`get_url ${args.url} failed: ${firstError(res)}`);
  if (report.state === 'fetch-failed') return failed(`Request failed: ${firstError(res)} (curl exit ${report.detail[0] ?? '?'}, HTTP ${report.detail[1] ?? '?'})`);
  if (report.state === 'mismatch') return failed(`The checksum for ${report.dest} did not match ${args.checksum ?? ''}; it was: ${report.detail[0] ?? ''}`);
  if (report.state === 'download') return { changed: true, final: { changed: true, msg: `would download ${args.url}`, data: base } };
  const info = parseProbe(report.probe)?.info;
  const data = { ...base, ...pathData(report.dest, info), ...(info?.checksums.sha1 === undefined ? {} : { checksum_dest: info.checksums.sha1 }) };
  const downloaded = report.state === 'changed';
  // The new file already got mode/owner/group; an existing one may still need them.
  const attrs = decideAttrs({ mode: args.mode, owner: args.owner, group: args.group }, downloaded ? undefined : info, false);
  if (!attrs.ok) return failed(attrs.msg);
  if (downloaded) {
    return { changed: true, final: { changed: true, msg: `OK (${info?.size ?? 0} bytes)`, data: { ...data, status_code: Number(report.detail[0] ?? 0), ...(report.backup === undefined ? {} : { backup_file: report.backup }) } } };
  }
  if (!attrs.changed) return { changed: false, final: { changed: false, msg: report.state === 'ok' ? `file already exists (${report.detail[0] ?? ''})` : 'OK', data } };
  if (dry) return { changed: true, final: { changed: true, msg: 'would change mode/owner/group', data } };
  const set = await setAttrs(ctx, report.dest, attrs.change);
  if (!set.ok) return failed(set.msg);
  return { changed: true, final: { changed: true, data: { ...data, ...pathData(report.dest, set.info) } } };
}
