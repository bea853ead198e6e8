import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, symlink, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { copy } from '../../../engine/modules/copy.js';
import { template } from '../../../engine/modules/template.js';
import { localConnection } from './support/local-connection.js';
import { makeCtx, runTask, withTempDir } from './support/harness.js';
import { idempotent } from './support/scenario.js';

interface Row {
  readonly name: string;
  readonly setup?: (dir: string) => Promise<void>;
  readonly args: (dir: string) => Record<string, unknown>;
  readonly files?: (dir: string) => Record<string, string>;
  readonly expectChanged?: boolean;
  readonly after: (dir: string) => Promise<void>;
}

const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o7777;

const rows: Row[] = [
  {
    name: 'content into a new file, mode as YAML octal number',
    args: (d) => ({ content: 'hello\n', dest: join(d, 'a.txt'), mode: 0o600 }),
    after: async (d) => {
      assert.equal(await readFile(join(d, 'a.txt'), 'utf8'), 'hello\n');
      assert.equal(await modeOf(join(d, 'a.txt')), 0o600);
    },
  },
  {
    name: 'content replaces a different file and keeps its mode',
    setup: async (d) => {
      await writeFile(join(d, 'a.txt'), 'old\n');
      await chmod(join(d, 'a.txt'), 0o640);
    },
    args: (d) => ({ content: 'new\n', dest: join(d, 'a.txt') }),
    after: async (d) => {
      assert.equal(await readFile(join(d, 'a.txt'), 'utf8'), 'new\n');
      assert.equal(await modeOf(join(d, 'a.txt')), 0o640);
    },
  },
  {
    name: 'same content, only the mode differs (symbolic)',
    setup: async (d) => {
      await writeFile(join(d, 'a.txt'), 'same\n');
      await chmod(join(d, 'a.txt'), 0o644);
    },
    args: (d) => ({ content: 'same\n', dest: join(d, 'a.txt'), mode: 'u=rw,g=,o=' }),
    after: async (d) => assert.equal(await modeOf(join(d, 'a.txt')), 0o600),
  },
  {
    name: 'already right: nothing to do',
    setup: async (d) => {
      await writeFile(join(d, 'a.txt'), 'same\n');
      await chmod(join(d, 'a.txt'), 0o644);
    },
    args: (d) => ({ content: 'same\n', dest: join(d, 'a.txt'), mode: '0644' }),
    expectChanged: false,
    after: async (d) => assert.equal(await readFile(join(d, 'a.txt'), 'utf8'), 'same\n'),
  },
  {
    name: 'force=false leaves a different existing file alone',
    setup: async (d) => writeFile(join(d, 'a.txt'), 'mine\n'),
    args: (d) => ({ content: 'theirs\n', dest: join(d, 'a.txt'), force: false }),
    expectChanged: false,
    after: async (d) => assert.equal(await readFile(join(d, 'a.txt'), 'utf8'), 'mine\n'),
  },
  {
    name: 'src from the controller into a directory dest keeps the basename',
    setup: async (d) => {
      await mkdir(join(d, 'ctl'));
      await mkdir(join(d, 'etc'));
      await writeFile(join(d, 'ctl', 'app.conf'), Buffer.from([0, 1, 2, 255]));
    },
    files: (d) => ({ 'app.conf': join(d, 'ctl', 'app.conf') }),
    args: (d) => ({ src: 'app.conf', dest: join(d, 'etc') }),
    after: async (d) => assert.deepEqual([...(await readFile(join(d, 'etc', 'app.conf')))], [0, 1, 2, 255]),
  },
  {
    name: 'remote_src copies a file on the host',
    setup: async (d) => writeFile(join(d, 'admin.conf'), 'kubeconfig\n'),
    args: (d) => ({ src: join(d, 'admin.conf'), remote_src: true, dest: join(d, 'config'), mode: '0600' }),
    after: async (d) => assert.equal(await readFile(join(d, 'config'), 'utf8'), 'kubeconfig\n'),
  },
  {
    name: 'a symbolic link at dest is replaced by a file',
    setup: async (d) => {
      await writeFile(join(d, 'target'), 'target\n');
      await symlink(join(d, 'target'), join(d, 'link'));
    },
    args: (d) => ({ content: 'x\n', dest: join(d, 'link') }),
    after: async (d) => {
      assert.equal((await readFile(join(d, 'target'), 'utf8')), 'target\n');
      assert.equal(await readFile(join(d, 'link'), 'utf8'), 'x\n');
    },
  },
];

describe('modules/copy', () => {
  for (const row of rows) {
    it(row.name, () =>
      withTempDir(async (d) => {
        await row.setup?.(d);
        await idempotent(d, { mod: copy, args: row.args(d), ctx: { files: row.files?.(d) ?? {} }, ...(row.expectChanged === undefined ? {} : { expectChanged: row.expectChanged }) });
        await row.after(d);
      }),
    );
  }

  it('shows a text diff in check mode and the registered data after a run', () =>
    withTempDir(async (d) => {
      await writeFile(join(d, 'a.txt'), 'one\ntwo\n');
      const conn = localConnection();
      const args = { content: 'one\nthree\n', dest: join(d, 'a.txt'), backup: true };
      const checked = await runTask(copy, args, makeCtx(conn, { check: true, diff: true }));
      assert.deepEqual(checked.result.diff, [{ path: join(d, 'a.txt'), before: 'one\ntwo\n', after: 'one\nthree\n' }]);
      const ran = await runTask(copy, args, makeCtx(conn));
      assert.equal(ran.result.data?.['checksum'], createHash('sha1').update('one\nthree\n').digest('hex'));
      assert.equal(ran.result.data?.['dest'], join(d, 'a.txt'));
      const backup = ran.result.data?.['backup_file'];
      assert.equal(typeof backup, 'string');
      assert.equal(await readFile(String(backup), 'utf8'), 'one\ntwo\n');
      assert.equal((await readdir(d)).filter((n) => n.startsWith('.deckhand')).length, 0, 'no temp files left');
    }),
  );

  it('fails with a message when src cannot be found on the controller', async () => {
    const r = await runTask(copy, { src: 'missing.conf', dest: '/nonexistent/x' }, makeCtx(localConnection()));
    assert.equal(r.result.failed, true);
    assert.match(r.result.msg ?? '', /Could not find or access 'missing.conf'/);
  });
});

describe('modules/template', () => {
  it('renders through ctx.renderTemplate and is idempotent', () =>
    withTempDir(async (d) => {
      await writeFile(join(d, 'motd.hbs'), 'unused');
      const render = (p: string): string => `rendered from ${p.endsWith('motd.hbs') ? 'motd' : '?'}\n`;
      await idempotent(d, { mod: template, args: { src: 'motd.hbs', dest: join(d, 'motd'), mode: '0644' }, ctx: { files: { 'motd.hbs': join(d, 'motd.hbs') }, render } });
      assert.equal(await readFile(join(d, 'motd'), 'utf8'), 'rendered from motd\n');
    }),
  );
});
