// stat: facts about a path, registered as `stat` in Ansible's shape. Read-only, so it runs the
// same in check mode. `checksum` is sha1 by default like Ansible; checksum_algorithm picks another.
import { defineModule } from './types.js';
import { firstError, runScript } from './support/host.js';
import { formatMode } from './support/mode.js';
import { done, fail } from './support/outcome.js';
import { PROBE_FN, parseProbe, probeArgs, type Checksum, type PathInfo } from './support/probe-path.js';
import { bool, enumOf, objectSchema, pick, str } from './support/schema.js';

export interface StatArgs {
  readonly path?: string;
  readonly dest?: string;
  readonly name?: string;
  readonly follow?: boolean;
  readonly get_checksum?: boolean;
  readonly checksum_algorithm?: Checksum;
  readonly checksum?: Checksum;
  readonly checksum_algo?: Checksum;
  readonly get_mime?: boolean;
  readonly get_attributes?: boolean;
}

const SCRIPT = `${PROBE_FN}\nprobe "$1" "$2" "$3" "$4" "$5" || exit 1\nif [ -L "$1" ]; then readlink -f -- "$1"; fi`;

/** Ansible's stat dictionary from a probe. */
export function statData(path: string, info: PathInfo | undefined, realPath: string | undefined, alg: Checksum): Record<string, unknown> {
  if (info === undefined) return { exists: false };
  const m = info.mode;
  const bit = (b: number): boolean => (m & b) !== 0;
  const checksum = info.checksums[alg];
  return {
    exists: true,
    path,
    mode: formatMode(m),
    isdir: info.type === 'directory',
    isreg: info.type === 'file',
    islnk: info.type === 'link',
    isblk: info.type === 'block',
    ischr: info.type === 'char',
    isfifo: info.type === 'fifo',
    issock: info.type === 'socket',
    uid: info.uid,
    gid: info.gid,
    pw_name: info.owner,
    gr_name: info.group,
    size: info.size,
    inode: info.inode,
    dev: info.dev,
    nlink: info.nlink,
    atime: info.atime,
    mtime: info.mtime,
    ctime: info.ctime,
    readable: info.readable,
    writeable: info.writeable,
    executable: info.executable,
    rusr: bit(0o400),
    wusr: bit(0o200),
    xusr: bit(0o100),
    rgrp: bit(0o040),
    wgrp: bit(0o020),
    xgrp: bit(0o010),
    roth: bit(0o004),
    woth: bit(0o002),
    xoth: bit(0o001),
    isuid: bit(0o4000),
    isgid: bit(0o2000),
    ...(checksum === undefined ? {} : { checksum }),
    ...(info.type === 'link' ? { lnk_target: info.linkTarget ?? '', lnk_source: realPath ?? '' } : {}),
  };
}

export const stat = defineModule<StatArgs>({
  name: 'stat',
  schema: objectSchema(
    {
      path: str,
      follow: { ...bool, default: false },
      get_checksum: { ...bool, default: true },
      checksum_algorithm: { ...enumOf('md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'), default: 'sha1' },
      get_mime: bool,
      get_attributes: bool,
    },
    { aliases: { dest: 'path', name: 'path', checksum: 'checksum_algorithm', checksum_algo: 'checksum_algorithm' } },
  ),
  async check(args, ctx) {
    const path = pick(args.path, args.dest, args.name);
    if (path === undefined) return fail('path is required');
    const alg = pick(args.checksum_algorithm, args.checksum, args.checksum_algo) ?? 'sha1';
    const res = await runScript(ctx, SCRIPT, probeArgs(path, { follow: args.follow === true, checksums: args.get_checksum === false ? [] : [alg] }));
    if (res.rc !== 0) return fail(`cannot stat ${path}: ${firstError(res)}`);
    const parsed = parseProbe(res.stdout);
    if (parsed === null) return fail(`cannot stat ${path}: unexpected output`);
    const real = parsed.rest.trim();
    return done({ changed: false, data: { stat: statData(path, parsed.info, real === '' ? undefined : real, alg) } });
  },
  async apply(_args, _ctx, outcome) {
    return outcome.final ?? { changed: false };
  },
});
