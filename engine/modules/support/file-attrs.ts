// Mode, owner and group: what a path has, what the task asks for, and what must change.
import type { FileDiff } from '../types.js';
import { formatMode, parseMode, resolveMode } from './mode.js';
import type { PathInfo } from './probe-path.js';

export interface AttrArgs {
  readonly mode?: string | number | undefined;
  readonly owner?: string | undefined;
  readonly group?: string | undefined;
}

/** What to pass to chmod/chown/chgrp; absent fields stay as they are. */
export interface AttrChange {
  readonly mode?: string;
  readonly owner?: string;
  readonly group?: string;
}

/** The parts of a path's stat that attributes are compared with. */
export type AttrState = Pick<PathInfo, 'mode' | 'owner' | 'group' | 'uid' | 'gid'>;

export type AttrDecision = { readonly ok: true; readonly change: AttrChange; readonly changed: boolean } | { readonly ok: false; readonly msg: string };

function sameAccount(want: string, name: string, id: number): boolean {
  return /^\d+$/.test(want) ? Number(want) === id : want === name;
}

/**
 * Compares the requested attributes with the path's. For a path that does not exist yet
 * (`info` undefined) every requested attribute is a change, and a symbolic mode is passed
 * to chmod as written.
 */
export function decideAttrs(args: AttrArgs, info: AttrState | undefined, isDir: boolean): AttrDecision {
  let mode: string | undefined;
  if (args.mode !== undefined && args.mode !== 'preserve') {
    const spec = parseMode(args.mode);
    if ('error' in spec) return { ok: false, msg: spec.error };
    if (info === undefined) mode = spec.kind === 'octal' ? formatMode(spec.value) : spec.text;
    else {
      const want = resolveMode(spec, info.mode, isDir);
      if (want !== (info.mode & 0o7777)) mode = formatMode(want);
    }
  }
  const owner = args.owner !== undefined && (info === undefined || !sameAccount(args.owner, info.owner, info.uid)) ? args.owner : undefined;
  const group = args.group !== undefined && (info === undefined || !sameAccount(args.group, info.group, info.gid)) ? args.group : undefined;
  const change: AttrChange = {
    ...(mode === undefined ? {} : { mode }),
    ...(owner === undefined ? {} : { owner }),
    ...(group === undefined ? {} : { group }),
  };
  return { ok: true, change, changed: mode !== undefined || owner !== undefined || group !== undefined };
}

/** A diff of attributes for --diff when a path changes state or attributes but not content. */
export function stateDiff(path: string, before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): FileDiff {
  const show = (o: Readonly<Record<string, string>>): string =>
    Object.entries(o)
      .map(([k, v]) => `${k}: ${v}\n`)
      .join('');
  return { path, before: show({ path, ...before }), after: show({ path, ...after }) };
}

export function describeAttrs(info: PathInfo | undefined, state: string): Record<string, string> {
  if (info === undefined) return { state: 'absent' };
  return { state, mode: formatMode(info.mode), owner: info.owner, group: info.group };
}

/** Registered fields for a path, as Ansible's file modules return them. */
export function pathData(path: string, info: PathInfo | undefined): Record<string, unknown> {
  if (info === undefined) return { path, state: 'absent' };
  const state = info.type === 'directory' ? 'directory' : info.type === 'link' ? 'link' : info.type === 'file' ? 'file' : info.type;
  return {
    path,
    state,
    mode: formatMode(info.mode),
    owner: info.owner,
    group: info.group,
    uid: info.uid,
    gid: info.gid,
    size: info.size,
  };
}
