// Atomic file replacement on the host in one round trip: the new content goes to a temp file
// beside the destination (from stdin, a host path, or a finished download), gets its mode,
// owner and group, the old file is optionally backed up, then a rename puts it in place.
import type { ModuleContext } from '../types.js';
import { firstError, runScript } from './host.js';
import { PROBE_FN, parseProbe, type PathInfo } from './probe-path.js';

/**
 * sh function `write_file DEST SOURCE FROM MODE OWNER GROUP BACKUP`; SOURCE is stdin, text (FROM is
 * the content), copy (FROM is a host path) or move (FROM is a temp file in DEST's directory). A new file without MODE gets
 * 0666 minus the umask, like any new file; a replaced file keeps its mode, owner and group.
 */
export const WRITE_FN = `write_file() {
  dest=$1; source=$2; from=$3; mode=$4; owner=$5; group=$6; backup=$7
  if [ "$source" = move ]; then tmp=$from
  else
    tmp=$(mktemp "$(dirname -- "$dest")/.deckhand-XXXXXXXX") || return 1
    case $source in
      copy) cat -- "$from" > "$tmp" ;;
      text) printf '%s' "$from" > "$tmp" ;;
      *) cat > "$tmp" ;;
    esac || { rm -f -- "$tmp"; return 1; }
  fi
  if [ -e "$dest" ]; then
    chmod --reference="$dest" -- "$tmp" 2>/dev/null; chown --reference="$dest" -- "$tmp" 2>/dev/null
  else chmod "$(printf '%o' $(( 0666 & ~$(umask) )))" "$tmp"; fi
  { [ -z "$mode" ] || chmod -- "$mode" "$tmp"; } &&
  { [ -z "$owner" ] || chown -- "$owner" "$tmp"; } &&
  { [ -z "$group" ] || chgrp -- "$group" "$tmp"; } || { rm -f -- "$tmp"; return 1; }
  b=
  if [ "$backup" = 1 ] && [ -f "$dest" ]; then
    b="$dest.$$.$(date +%Y-%m-%d@%H:%M:%S~)"; cp -p -- "$dest" "$b" || { rm -f -- "$tmp"; return 1; }
  fi
  mv -f -- "$tmp" "$dest" || { rm -f -- "$tmp"; return 1; }
  printf 'backup\\t%s\\n' "$b"
}`;

/** sh function `set_attrs PATH MODE OWNER GROUP NOFOLLOW`: mode/owner/group on an existing path. */
export const SET_ATTRS_FN = `set_attrs() {
  h=; [ "$5" = 1 ] && h=-h
  { [ -z "$2" ] || chmod -- "$2" "$1"; } &&
  { [ -z "$3" ] || chown $h -- "$3" "$1"; } &&
  { [ -z "$4" ] || chgrp $h -- "$4" "$1"; }
}`;

export type WriteSource =
  | { readonly kind: 'stdin'; readonly content: string | Uint8Array }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'copy'; readonly from: string }
  | { readonly kind: 'move'; readonly from: string };

export interface WriteRequest {
  readonly dest: string;
  readonly source: WriteSource;
  /** chmod argument: octal digits or a symbolic mode for a file that does not exist yet. */
  readonly mode?: string;
  readonly owner?: string;
  readonly group?: string;
  readonly backup?: boolean;
}

export type WriteResult =
  | { readonly ok: true; readonly info: PathInfo; readonly backupFile?: string }
  | { readonly ok: false; readonly msg: string };

const WRITE_SCRIPT = `${PROBE_FN}\n${WRITE_FN}\nwrite_file "$@" || exit 1\nprobe "$1" 1 'sha1 sha256' 0 0`;

export async function writeFile(ctx: ModuleContext, req: WriteRequest): Promise<WriteResult> {
  const src = req.source;
  const args = [
    req.dest,
    src.kind,
    src.kind === 'stdin' ? '' : src.kind === 'text' ? src.text : src.from,
    req.mode ?? '',
    req.owner ?? '',
    req.group ?? '',
    req.backup === true ? '1' : '0',
  ];
  const res = await runScript(ctx, WRITE_SCRIPT, args, src.kind === 'stdin' ? { stdin: src.content } : {});
  if (res.rc !== 0) return { ok: false, msg: `cannot write ${req.dest}: ${firstError(res)}` };
  return parseWritten(res.stdout, req.dest);
}

export function parseWritten(out: string, dest: string): WriteResult {
  const nl = out.indexOf('\n');
  const first = out.slice(0, nl);
  const parsed = parseProbe(out.slice(nl + 1));
  if (!first.startsWith('backup\t') || parsed?.info === undefined) {
    return { ok: false, msg: `cannot write ${dest}: unexpected output` };
  }
  const backupFile = first.slice(7);
  return { ok: true, info: parsed.info, ...(backupFile === '' ? {} : { backupFile }) };
}

export interface AttrRequest {
  readonly mode?: string;
  readonly owner?: string;
  readonly group?: string;
  /** Change the link itself rather than what it points to (chown -h). */
  readonly noFollow?: boolean;
}

/** Sets mode/owner/group on an existing path and reports its new state. */
export async function setAttrs(ctx: ModuleContext, path: string, req: AttrRequest): Promise<WriteResult> {
  const script = `${PROBE_FN}\n${SET_ATTRS_FN}\nset_attrs "$@" || exit 1\nprobe "$1" ${req.noFollow === true ? 0 : 1} 'sha1 sha256' 0 0`;
  const args = [path, req.mode ?? '', req.owner ?? '', req.group ?? '', req.noFollow === true ? '1' : '0'];
  const res = await runScript(ctx, script, args);
  if (res.rc !== 0) return { ok: false, msg: `cannot set attributes of ${path}: ${firstError(res)}` };
  const parsed = parseProbe(res.stdout);
  return parsed?.info === undefined ? { ok: false, msg: `cannot inspect ${path}` } : { ok: true, info: parsed.info };
}
