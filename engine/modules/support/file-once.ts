// The file module's common real run (directory, file, touch, absent; no check mode, no diff) in
// one round trip: a script probes the path, changes only what differs, and prints the facts
// before and after. The module still decides `changed` with decideFile on the facts before, so
// the result is the one the two-step path (probe, then apply) gives; anything unusual (a symbolic
// link, a path of the wrong type) is left untouched here and handed back to that path.
import type { ModuleContext } from '../types.js';
import type { FileFacts } from './file-state.js';
import { firstError, runScript } from './host.js';
import { formatMode, parseMode } from './mode.js';
import { parseProbe, type PathInfo } from './probe-path.js';
import { PROBE_PAIR_FN, parsePair } from './file-probe.js';

export type OnceState = 'directory' | 'file' | 'touch' | 'absent';

export interface OnceRequest {
  readonly path: string;
  readonly state: OnceState;
  /** chmod's argument ('0755') and the same mode as stat's %a prints it ('755'). */
  readonly mode?: { readonly arg: string; readonly stat: string };
  readonly owner?: string;
  readonly group?: string;
  readonly touchTimes: boolean;
}

export interface OnceArgs {
  readonly state?: string;
  readonly src?: string;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
  readonly recurse?: boolean;
  readonly access_time?: string;
  readonly modification_time?: string;
}

const STATES: readonly string[] = ['directory', 'file', 'touch', 'absent'];

/** The request for one round trip, or undefined when this run needs the two-step path. */
export function onceRequest(ctx: ModuleContext, path: string, args: OnceArgs): OnceRequest | undefined {
  // Check mode must not change anything; --diff needs the state before the change.
  if (ctx.check || ctx.diff) return undefined;
  if (args.state === undefined || !STATES.includes(args.state) || args.recurse === true || args.src !== undefined) return undefined;
  let mode: OnceRequest['mode'];
  if (args.mode !== undefined && args.mode !== 'preserve') {
    // Symbolic modes are resolved against the current mode by mode.ts, on the controller.
    const spec = parseMode(args.mode);
    if ('error' in spec || spec.kind !== 'octal') return undefined;
    mode = { arg: formatMode(spec.value), stat: spec.value.toString(8) };
  }
  return {
    path,
    state: args.state as OnceState,
    ...(mode === undefined ? {} : { mode }),
    ...(args.owner === undefined ? {} : { owner: args.owner }),
    ...(args.group === undefined ? {} : { group: args.group }),
    touchTimes: !(args.access_time === 'preserve' && args.modification_time === 'preserve'),
  };
}

// Prints probe_pair, then `skip` (left to the two-step path), `same` (nothing to do) or `done`
// and a probe of the result. A new directory gets its mode from `mkdir -m` (the mode only of the
// last component, as chmod after `mkdir -p` gives), one process fewer than mkdir then chmod.
// Owner and group compare as decideAttrs does: all digits is an id.
// $s is the stat line probe leaves behind (fields: %f %a %u %g %s %U %G ...).
const TAB = '\t';
const ONCE_SCRIPT = `${PROBE_PAIR_FN}
P=$1; ST=$2; MODE=$3; MODE_STAT=$4; OWNER=$5; GROUP=$6; TIMES=$7
probe_pair "$P" || exit 1
if [ "$ST" = absent ]; then
  if [ -e "$P" ] || [ -L "$P" ]; then rm -rf -- "$P" || exit 1; echo done; echo absent; else echo same; fi
  exit 0
fi
if [ -L "$P" ]; then echo skip; exit 0; fi
differs() { case $1 in *[!0-9]*) [ "$1" != "$2" ] ;; *) [ "$1" -ne "$3" ] ;; esac; }
NEW=0; ACT=0; CUR=; CU=; CUID=; CG=; CGID=
if [ -e "$P" ]; then
  set -f; IFS='${TAB}'; set -- $s; unset IFS; set +f
  CUR=$2; CUID=$3; CGID=$4; CU=$6; CG=$7
fi
case $ST in
  directory) if [ ! -e "$P" ]; then
               if [ -n "$MODE" ]; then mkdir -p -m "$MODE" -- "$P" || exit 1; CUR=$MODE_STAT; else mkdir -p -- "$P" || exit 1; fi; NEW=1
             elif [ ! -d "$P" ]; then echo skip; exit 0; fi ;;
  file) if [ ! -e "$P" ] || [ -d "$P" ]; then echo skip; exit 0; fi ;;
  touch) if [ ! -e "$P" ]; then touch -- "$P" || exit 1; NEW=1
         elif [ "$TIMES" = 1 ]; then touch -- "$P" || exit 1; ACT=1; fi ;;
esac
if [ -n "$MODE" ] && [ "$MODE_STAT" != "$CUR" ]; then chmod -- "$MODE" "$P" || exit 1; ACT=1; fi
if [ -n "$OWNER" ] && { [ "$NEW" = 1 ] || differs "$OWNER" "$CU" "$CUID"; }; then chown -- "$OWNER" "$P" || exit 1; ACT=1; fi
if [ -n "$GROUP" ] && { [ "$NEW" = 1 ] || differs "$GROUP" "$CG" "$CGID"; }; then chgrp -- "$GROUP" "$P" || exit 1; ACT=1; fi
if [ "$NEW" = 1 ] || [ "$ACT" = 1 ]; then echo done; probe "$P" 0 '' 0 0; else echo same; fi`;

/** `acted`: the host changed something (`after` is the result). On failure, `facts` are the probe before it, if any. */
export type OnceResult =
  | { readonly ok: true; readonly facts: FileFacts; readonly acted: false }
  | { readonly ok: true; readonly facts: FileFacts; readonly acted: true; readonly after: PathInfo | undefined }
  | { readonly ok: false; readonly facts?: FileFacts; readonly msg: string };

export async function runOnce(ctx: ModuleContext, req: OnceRequest): Promise<OnceResult> {
  const argv = [req.path, req.state, req.mode?.arg ?? '', req.mode?.stat ?? '', req.owner ?? '', req.group ?? '', req.touchTimes ? '1' : '0'];
  const res = await runScript(ctx, ONCE_SCRIPT, argv);
  const pair = parsePair(res.stdout);
  if (pair === null) return { ok: false, msg: `cannot inspect ${req.path}: ${res.rc === 0 ? 'unexpected output' : firstError(res)}` };
  if (res.rc !== 0) return { ok: false, facts: pair.facts, msg: firstError(res) };
  const nl = pair.rest.indexOf('\n');
  const marker = pair.rest.slice(0, nl < 0 ? undefined : nl);
  if (marker === 'done') {
    const after = parseProbe(pair.rest.slice(nl + 1));
    if (after === null) return { ok: false, facts: pair.facts, msg: 'unexpected output' };
    return { ok: true, facts: pair.facts, acted: true, after: after.info };
  }
  if (marker === 'same' || marker === 'skip') return { ok: true, facts: pair.facts, acted: false };
  return { ok: false, facts: pair.facts, msg: 'unexpected output' };
}
