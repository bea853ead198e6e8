import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { file } from '../../../engine/modules/file.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

/** The umask the local connection's commands inherit from this process. */
function currentUmask(): number {
  const mask = process.umask(0);
  process.umask(mask);
  return mask;
}

interface Row {
  readonly name: string;
  readonly setup?: (dir: string) => Promise<void>;
  readonly args: (dir: string) => Record<string, unknown>;
  readonly expectChanged?: boolean;
  readonly after: (dir: string) => Promise<void>;
}

const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o7777;

const rows: Row[] = [
  {
    name: 'directory: created with its parents and mode',
    args: (d) => ({ path: join(d, 'a/b/c'), state: 'directory', mode: '0750' }),
    after: async (d) => assert.equal(await modeOf(join(d, 'a/b/c')), 0o750),
  },
  {
    name: 'directory: existing one gets its mode fixed (symbolic, X)',
    setup: async (d) => {
      await mkdir(join(d, 'x'));
      await chmod(join(d, 'x'), 0o700);
    },
    args: (d) => ({ path: join(d, 'x'), state: 'directory', mode: 'go+rX' }),
    after: async (d) => assert.equal(await modeOf(join(d, 'x')), 0o755),
  },
  {
    name: 'directory: recurse fixes modes below',
    setup: async (d) => {
      await mkdir(join(d, 'r/s'), { recursive: true });
      await writeFile(join(d, 'r/s/f'), 'x');
      await chmod(join(d, 'r/s/f'), 0o600);
      await chmod(join(d, 'r'), 0o755);
      await chmod(join(d, 'r/s'), 0o755);
    },
    args: (d) => ({ path: join(d, 'r'), state: 'directory', mode: 'u=rwX,g=rX,o=rX', recurse: true }),
    after: async (d) => assert.equal(await modeOf(join(d, 'r/s/f')), 0o644),
  },
  {
    name: 'absent: removes a tree',
    setup: async (d) => {
      await mkdir(join(d, 'gone/deep'), { recursive: true });
      await writeFile(join(d, 'gone/deep/f'), 'x');
    },
    args: (d) => ({ path: join(d, 'gone'), state: 'absent' }),
    after: async (d) => assert.equal(await lstat(join(d, 'gone')).catch(() => 'missing'), 'missing'),
  },
  {
    name: 'absent: nothing there is no change',
    args: (d) => ({ path: join(d, 'never'), state: 'absent' }),
    expectChanged: false,
    after: async () => undefined,
  },
  {
    name: 'link: created, then left alone',
    setup: async (d) => writeFile(join(d, 'target'), 't'),
    args: (d) => ({ dest: join(d, 'ln'), src: join(d, 'target'), state: 'link' }),
    after: async (d) => assert.equal(await readlink(join(d, 'ln')), join(d, 'target')),
  },
  {
    name: 'link: pointing elsewhere is repointed (relative src)',
    setup: async (d) => {
      await writeFile(join(d, 'old'), 'o');
      await writeFile(join(d, 'new'), 'n');
      await symlink('old', join(d, 'ln'));
    },
    args: (d) => ({ path: join(d, 'ln'), src: 'new', state: 'link' }),
    after: async (d) => assert.equal(await readlink(join(d, 'ln')), 'new'),
  },
  {
    name: 'link: force replaces a regular file',
    setup: async (d) => {
      await writeFile(join(d, 'target'), 't');
      await writeFile(join(d, 'ln'), 'a file');
    },
    args: (d) => ({ path: join(d, 'ln'), src: join(d, 'target'), state: 'link', force: true }),
    after: async (d) => assert.equal(await readlink(join(d, 'ln')), join(d, 'target')),
  },
  {
    name: 'hard: linked once',
    setup: async (d) => writeFile(join(d, 'target'), 't'),
    args: (d) => ({ path: join(d, 'hl'), src: join(d, 'target'), state: 'hard' }),
    after: async (d) => assert.equal((await stat(join(d, 'hl'))).ino, (await stat(join(d, 'target'))).ino),
  },
  {
    name: 'touch: preserve times makes it idempotent',
    args: (d) => ({ path: join(d, 't'), state: 'touch', mode: '0600', access_time: 'preserve', modification_time: 'preserve' }),
    after: async (d) => assert.equal(await modeOf(join(d, 't')), 0o600),
  },
  {
    name: 'file: mode of an existing file (number read from YAML 0640)',
    setup: async (d) => writeFile(join(d, 'f'), 'x'),
    args: (d) => ({ name: join(d, 'f'), mode: 0o640 }),
    after: async (d) => assert.equal(await modeOf(join(d, 'f')), 0o640),
  },
];

describe('modules/file', () => {
  for (const row of rows) {
    it(row.name, () =>
      withTempDir(async (d) => {
        await row.setup?.(d);
        await idempotent(d, { mod: file, args: row.args(d), ...(row.expectChanged === undefined ? {} : { expectChanged: row.expectChanged }) });
        await row.after(d);
      }),
    );
  }

  const failures: { name: string; setup?: (d: string) => Promise<void>; args: (d: string) => Record<string, unknown>; msg: RegExp }[] = [
    { name: 'state=file on a missing path', args: (d) => ({ path: join(d, 'nope'), state: 'file' }), msg: /is absent, cannot continue/ },
    { name: 'link over a file without force', setup: (d) => writeFile(join(d, 'f'), 'x'), args: (d) => ({ path: join(d, 'f'), src: '/etc/hostname', state: 'link' }), msg: /refusing to convert from file to symlink/ },
    { name: 'link to a missing src without force', args: (d) => ({ path: join(d, 'l'), src: join(d, 'missing'), state: 'link' }), msg: /does not exist, use force=yes/ },
    { name: 'directory over a file', setup: (d) => writeFile(join(d, 'f'), 'x'), args: (d) => ({ path: join(d, 'f'), state: 'directory' }), msg: /already exists as a file/ },
    { name: 'a mode chmod would reject', setup: (d) => writeFile(join(d, 'f'), 'x'), args: (d) => ({ path: join(d, 'f'), mode: 'rw-r--r--' }), msg: /neither octal nor/ },
  ];
  for (const f of failures) {
    it(`fails: ${f.name}`, () =>
      withTempDir(async (d) => {
        await f.setup?.(d);
        const r = await runTask(file, f.args(d), makeCtx(localConnection(), { check: true }));
        assert.equal(r.result.failed, true);
        assert.match(r.result.msg ?? '', f.msg);
      }),
    );
  }

  it('reports the state change as a diff', () =>
    withTempDir(async (d) => {
      const r = await runTask(file, { path: join(d, 'new'), state: 'directory', mode: '0700' }, makeCtx(localConnection(), { check: true, diff: true }));
      const diff = r.result.diff?.[0];
      assert.match(diff?.before ?? '', /state: absent/);
      assert.match(diff?.after ?? '', /state: directory\nmode: 0700/);
    }),
  );
});

// A real run without --diff probes and applies in one script; these rows run each task twice
// and check that the results (changed, registered data, files) are the two-step path's.
describe('modules/file in one round trip (real run, no --diff)', () => {
  interface OnceRow {
    readonly name: string;
    readonly setup?: (dir: string) => Promise<void>;
    readonly args: (dir: string) => Record<string, unknown>;
    readonly changed: boolean;
    /** Round trips of the first run (1 unless the host hands the path back). */
    readonly execs?: number;
    readonly after: (dir: string) => Promise<void>;
  }
  const me = userInfo();
  const onceRows: OnceRow[] = [
    {
      name: 'directory: created on the first run, unchanged on the second',
      args: (d) => ({ path: join(d, 'a/b'), state: 'directory', mode: '0755' }),
      changed: true,
      after: async (d) => assert.equal(await modeOf(join(d, 'a/b')), 0o755),
    },
    {
      name: 'directory: created with special bits (mkdir -m 2750), parents get the default mode',
      args: (d) => ({ path: join(d, 'p/q'), state: 'directory', mode: '02750' }),
      changed: true,
      after: async (d) => {
        assert.equal(await modeOf(join(d, 'p/q')), 0o2750);
        assert.equal(await modeOf(join(d, 'p')), 0o777 & ~currentUmask());
      },
    },
    {
      name: 'directory: created without a mode gets the default mode',
      args: (d) => ({ path: join(d, 'plain'), state: 'directory' }),
      changed: true,
      after: async (d) => assert.equal(await modeOf(join(d, 'plain')), 0o777 & ~currentUmask()),
    },
    {
      name: 'directory: only the mode differs',
      setup: async (d) => { await mkdir(join(d, 'x')); await chmod(join(d, 'x'), 0o700); },
      args: (d) => ({ path: join(d, 'x'), state: 'directory', mode: 0o751 }),
      changed: true,
      after: async (d) => assert.equal(await modeOf(join(d, 'x')), 0o751),
    },
    {
      name: 'directory: already right, owner and group by name and by id',
      setup: async (d) => { await mkdir(join(d, 'ok')); await chmod(join(d, 'ok'), 0o755); },
      args: (d) => ({ path: join(d, 'ok'), state: 'directory', mode: '755', owner: me.username, group: String(me.gid) }),
      changed: false,
      after: async (d) => assert.equal(await modeOf(join(d, 'ok')), 0o755),
    },
    {
      name: 'absent: removes a tree, then nothing to do',
      setup: async (d) => { await mkdir(join(d, 'gone/deep'), { recursive: true }); await writeFile(join(d, 'gone/deep/f'), 'x'); },
      args: (d) => ({ path: join(d, 'gone'), state: 'absent' }),
      changed: true,
      after: async (d) => assert.equal(await lstat(join(d, 'gone')).catch(() => 'missing'), 'missing'),
    },
    {
      name: 'absent: a symbolic link is removed, not its target',
      setup: async (d) => { await writeFile(join(d, 't'), 'x'); await symlink('t', join(d, 'ln')); },
      args: (d) => ({ path: join(d, 'ln'), state: 'absent' }),
      changed: true,
      after: async (d) => assert.equal((await stat(join(d, 't'))).isFile(), true),
    },
    {
      name: 'file: mode of an existing file',
      setup: async (d) => { await writeFile(join(d, 'f'), 'x'); await chmod(join(d, 'f'), 0o600); },
      args: (d) => ({ path: join(d, 'f'), state: 'file', mode: '0640' }),
      changed: true,
      after: async (d) => assert.equal(await modeOf(join(d, 'f')), 0o640),
    },
    {
      name: 'touch: created with a mode; times preserved afterwards',
      args: (d) => ({ path: join(d, 't'), state: 'touch', mode: '0600', access_time: 'preserve', modification_time: 'preserve' }),
      changed: true,
      after: async (d) => assert.equal(await modeOf(join(d, 't')), 0o600),
    },
    {
      name: 'directory through a symbolic link: handed back to the two-step path',
      setup: async (d) => { await mkdir(join(d, 'real')); await chmod(join(d, 'real'), 0o755); await symlink('real', join(d, 'ln')); },
      args: (d) => ({ path: join(d, 'ln'), state: 'directory', owner: me.username }),
      changed: false,
      after: async (d) => assert.equal((await lstat(join(d, 'ln'))).isSymbolicLink(), true),
    },
  ];

  /** The same task through check and apply as two commands (what --diff runs), in a twin folder. */
  async function twoStep(row: OnceRow): Promise<{ changed: boolean; data: unknown }[]> {
    return withTempDir(async (d) => {
      await row.setup?.(d);
      const conn = localConnection();
      const out = [];
      for (let i = 0; i < 2; i++) {
        const r = (await runTask(file, row.args(d), makeCtx(conn, { diff: true }))).result;
        out.push({ changed: r.changed, data: JSON.parse(JSON.stringify(r.data ?? {}).replaceAll(d, '<dir>')) as unknown });
      }
      return out;
    });
  }

  for (const row of onceRows) {
    it(row.name, () =>
      withTempDir(async (d) => {
        await row.setup?.(d);
        const conn = localConnection();
        const runs = [];
        for (let i = 0; i < 2; i++) {
          conn.calls.length = 0;
          const r = await runTask(file, row.args(d), makeCtx(conn));
          assert.equal(r.outcome.changed, 'unknown', 'check leaves the decision to apply');
          assert.equal(r.result.failed ?? false, false, r.result.msg ?? '');
          assert.equal(conn.calls.length, i === 0 ? (row.execs ?? 1) : 1, `round trips of run ${i + 1}`);
          runs.push({ changed: r.result.changed, data: JSON.parse(JSON.stringify(r.result.data ?? {}).replaceAll(d, '<dir>')) as unknown });
        }
        assert.equal(runs[0]?.changed, row.changed, 'first run');
        assert.equal(runs[1]?.changed, false, 'second run');
        assert.deepEqual(runs, await twoStep(row), 'same results as check + apply');
        await row.after(d);
      }),
    );
  }

  it('errors are the two-step path\'s', () =>
    withTempDir(async (d) => {
      await writeFile(join(d, 'f'), 'x');
      const r = await runTask(file, { path: join(d, 'f'), state: 'directory' }, makeCtx(localConnection()));
      assert.equal(r.result.failed, true);
      assert.match(r.result.msg ?? '', /already exists as a file/);
      const missing = await runTask(file, { path: join(d, 'nope'), state: 'file' }, makeCtx(localConnection()));
      assert.match(missing.result.msg ?? '', /is absent, cannot continue/);
      const denied = await runTask(file, { path: '/proc/deckhand-no/such', state: 'directory' }, makeCtx(localConnection()));
      assert.equal(denied.result.failed, true);
      assert.match(denied.result.msg ?? '', /^mkdir \/proc\/deckhand-no\/such: /);
    }),
  );
});
