// What the file module needs to know about a path: the path itself, what it resolves to, and
// the link source. A path that is not a symbolic link resolves to itself, so it is stat'ed once.
import type { ModuleContext } from '../types.js';
import type { FileFacts } from './file-state.js';
import { firstError, runScript } from './host.js';
import { PROBE_FN, parseProbe } from './probe-path.js';

/** sh function `probe_pair PATH`: `probe` of the path, then of its target, or `=` when it is not a link. */
export const PROBE_PAIR_FN = `${PROBE_FN}
probe_pair() {
  probe "$1" 0 '' 0 0 || return 1
  if [ -L "$1" ]; then probe "$1" 1 '' 0 0 || return 1; else echo =; fi
}`;

/** Parses what `probe_pair` printed; `rest` is whatever followed it. */
export function parsePair(out: string): { facts: FileFacts; rest: string } | null {
  const self = parseProbe(out);
  if (self === null) return null;
  if (self.rest.startsWith('=\n')) return { facts: { self: self.info, target: self.info }, rest: self.rest.slice(2) };
  const target = parseProbe(self.rest);
  if (target === null) return null;
  return { facts: { self: self.info, target: target.info }, rest: target.rest };
}

const FACTS_SCRIPT = `${PROBE_PAIR_FN}
probe_pair "$1" || exit 1
[ -z "$2" ] || probe "$2" "$3" '' 0 0`;

/** The path, its target and (when given) the link source, in one round trip. */
export async function probeFacts(
  ctx: ModuleContext,
  path: string,
  src?: { readonly path: string; readonly follow: boolean },
): Promise<{ ok: true; facts: FileFacts } | { ok: false; msg: string }> {
  const res = await runScript(ctx, FACTS_SCRIPT, [path, src?.path ?? '', src?.follow === true ? '1' : '0']);
  const names = src === undefined ? path : `${path}, ${src.path}`;
  if (res.rc !== 0) return { ok: false, msg: `cannot inspect ${names}: ${firstError(res)}` };
  const pair = parsePair(res.stdout);
  if (pair === null) return { ok: false, msg: `cannot inspect ${names}: unexpected output` };
  if (src === undefined) return { ok: true, facts: pair.facts };
  const probed = parseProbe(pair.rest);
  if (probed === null) return { ok: false, msg: `cannot inspect ${names}: unexpected output` };
  return { ok: true, facts: { ...pair.facts, src: probed.info } };
}
