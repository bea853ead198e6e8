// One round trip that tells a module everything about a path: stat fields, link target,
// access for the connecting user, checksums of a regular file, and optionally its content.
import type { ModuleContext } from '../types.js';
import { firstError, runScript } from './host.js';

export type Checksum = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type FileType = 'file' | 'directory' | 'link' | 'fifo' | 'socket' | 'block' | 'char' | 'other';

export interface PathInfo {
  readonly type: FileType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly owner: string;
  readonly group: string;
  readonly atime: number;
  readonly mtime: number;
  readonly ctime: number;
  readonly inode: number;
  readonly nlink: number;
  readonly dev: number;
  readonly readable: boolean;
  readonly writeable: boolean;
  readonly executable: boolean;
  /** Set when the path itself is a symbolic link (even when followed). */
  readonly linkTarget?: string;
  readonly checksums: Readonly<Partial<Record<Checksum, string>>>;
  /** The file's text, when asked for and the file is regular and small enough. */
  readonly content?: string;
}

export interface ProbeOptions {
  readonly follow?: boolean;
  readonly checksums?: readonly Checksum[];
  readonly content?: boolean;
  /** Content larger than this is not fetched (diffs of huge files are not useful). */
  readonly maxContent?: number;
}

export type ProbeResult = { readonly ok: true; readonly info: PathInfo | undefined } | { readonly ok: false; readonly msg: string };

/**
 * sh function `probe PATH FOLLOW SUMS WANT MAX`, shared by scripts that report a path after changing it.
 * For a path that exists it leaves the tab-separated stat line in $s (%f %a %u %g %s %U %G ...).
 */
export const PROBE_FN = `probe() {
  p=$1; follow=$2; sums=$3; want=$4; max=$5
  if [ ! -e "$p" ] && [ ! -L "$p" ]; then echo absent; return 0; fi
  fmt='%f\\t%a\\t%u\\t%g\\t%s\\t%U\\t%G\\t%X\\t%Y\\t%Z\\t%i\\t%h\\t%d'
  if [ "$follow" = 1 ] && [ -e "$p" ]; then s=$(stat -L --printf "$fmt" -- "$p") || return 1
  else s=$(stat --printf "$fmt" -- "$p") || return 1; fi
  l=; if [ -L "$p" ]; then l=$(readlink -- "$p"); fi
  a=; [ -r "$p" ] && a=r; [ -w "$p" ] && a=\${a}w; [ -x "$p" ] && a=\${a}x
  reg=0; if [ -f "$p" ] && { [ "$follow" = 1 ] || [ ! -L "$p" ]; }; then reg=1; fi
  printf 'present\\t%s\\t%s\\t%s\\n' "$s" "$a" "$l"
  for c in $sums; do
    h=; if [ "$reg" = 1 ] && [ -r "$p" ]; then h=$("\${c}sum" < "$p") && h=\${h%% *}; fi
    printf 'sum\\t%s\\t%s\\n' "$c" "$h"
  done
  if [ "$want" = 1 ] && [ "$reg" = 1 ] && [ -r "$p" ] && [ "$(stat -L -c %s -- "$p")" -le "$max" ]; then
    echo content; cat -- "$p"
  else echo end; fi
}`;

const ALGORITHMS: readonly Checksum[] = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

/** argv tail for `probe`: only fixed algorithm names ever reach the loop over $sums. */
export function probeArgs(path: string, opts: ProbeOptions): string[] {
  const sums = (opts.checksums ?? []).filter((c) => ALGORITHMS.includes(c)).join(' ');
  return [path, opts.follow === true ? '1' : '0', sums, opts.content === true ? '1' : '0', String(opts.maxContent ?? 1 << 20)];
}

export async function probePath(ctx: ModuleContext, path: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const res = await runScript(ctx, `${PROBE_FN}\nprobe "$@"`, probeArgs(path, opts));
  if (res.rc !== 0) return { ok: false, msg: `cannot inspect ${path}: ${firstError(res)}` };
  const parsed = parseProbe(res.stdout);
  return parsed === null ? { ok: false, msg: `cannot inspect ${path}: unexpected output` } : { ok: true, info: parsed.info };
}

const TYPES: Record<number, FileType> = {
  0o100000: 'file',
  0o040000: 'directory',
  0o120000: 'link',
  0o010000: 'fifo',
  0o140000: 'socket',
  0o060000: 'block',
  0o020000: 'char',
};

/** Parses the output of `probe`; `rest` is whatever the script printed after it. */
export function parseProbe(out: string): { info: PathInfo | undefined; rest: string } | null {
  if (out.startsWith('absent\n') || out === 'absent') return { info: undefined, rest: out.slice(7) };
  const nl = out.indexOf('\n');
  if (!out.startsWith('present\t') || nl < 0) return null;
  const f = out.slice(8, nl).split('\t');
  if (f.length < 15) return null;
  const num = (i: number): number => Number(f[i] ?? 'NaN');
  const raw = parseInt(f[0] ?? '0', 16);
  const access = f[13] ?? '';
  const link = f.slice(14).join('\t');
  const checksums: Partial<Record<Checksum, string>> = {};
  let pos = nl + 1;
  let content: string | undefined;
  let rest = '';
  for (;;) {
    const end = out.indexOf('\n', pos);
    const line = out.slice(pos, end < 0 ? undefined : end);
    if (line.startsWith('sum\t')) {
      const [, alg, hex] = line.split('\t');
      if (hex !== undefined && hex !== '') checksums[alg as Checksum] = hex;
      pos = end + 1;
      continue;
    }
    if (line === 'content') content = out.slice(end + 1);
    else if (line === 'end') rest = end < 0 ? '' : out.slice(end + 1);
    else return null;
    break;
  }
  const info: PathInfo = {
    type: TYPES[raw & 0o170000] ?? 'other',
    mode: parseInt(f[1] ?? '0', 8),
    uid: num(2),
    gid: num(3),
    size: num(4),
    owner: f[5] ?? '',
    group: f[6] ?? '',
    atime: num(7),
    mtime: num(8),
    ctime: num(9),
    inode: num(10),
    nlink: num(11),
    dev: num(12),
    readable: access.includes('r'),
    writeable: access.includes('w'),
    executable: access.includes('x'),
    ...(link === '' ? {} : { linkTarget: link }),
    checksums,
    ...(content === undefined ? {} : { content }),
  };
  return { info, rest };
}

/** Probes several paths in one round trip; only the last may ask for content. */
export async function probePaths(
  ctx: ModuleContext,
  requests: readonly { readonly path: string; readonly opts?: ProbeOptions }[],
): Promise<{ ok: true; infos: (PathInfo | undefined)[] } | { ok: false; msg: string }> {
  const args: string[] = [];
  for (const [i, r] of requests.entries()) {
    const last = i === requests.length - 1;
    args.push(...probeArgs(r.path, { ...r.opts, content: last && r.opts?.content === true }));
  }
  const script = `${PROBE_FN}\nwhile [ $# -gt 0 ]; do probe "$1" "$2" "$3" "$4" "$5" || exit 1; shift 5; done`;
  const res = await runScript(ctx, script, args);
  const names = requests.map((r) => r.path).join(', ');
  if (res.rc !== 0) return { ok: false, msg: `cannot inspect ${names}: ${firstError(res)}` };
  const infos: (PathInfo | undefined)[] = [];
  let out = res.stdout;
  for (let i = 0; i < requests.length; i++) {
    const parsed = parseProbe(out);
    if (parsed === null) return { ok: false, msg: `cannot inspect ${names}: unexpected output` };
    infos.push(parsed.info);
    out = parsed.rest;
  }
  return { ok: true, infos };
}
