// The behaviour every Connection must have, run against SSH and local alike
// so the two stay interchangeable.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { RemoteFileError, type Connection } from '../../../engine/connection/index.js';
import { AWKWARD_VALUES, awkwardEnv, parseReport, REPORT_PROGRAM } from './awkward-env.js';

export function describeContract(label: string, open: () => Promise<Connection>, dir: () => string): void {
  describe(`${label}: Connection contract`, function () {
    this.timeout(60_000);
    let conn: Connection;
    before(async () => { conn = await open(); });
    after(async () => { await conn.close(); });

    it('exit 3 gives rc 3 with stdout and stderr apart', async () => {
      const r = await conn.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
      assert.deepEqual(r, { rc: 3, stdout: 'out\n', stderr: 'err\n' });
    });

    it('a command killed by a signal gives rc 128+n and the signal, never 0', async () => {
      const r = await conn.exec(['sh', '-c', 'kill -9 $$']);
      assert.equal(r.rc, 137);
      assert.equal(r.signal, 'SIGKILL');
    });

    it('argv words reach the command literally', async () => {
      const words = ['a b', "it's", '$HOME', '`id`', '*', '"; touch /tmp/pwned #', ''];
      const r = await conn.exec(['printf', '%s\\n', ...words]);
      assert.equal(r.stdout, words.map((w) => `${w}\n`).join(''));
    });

    it('env and cwd apply', async () => {
      const r = await conn.exec(['sh', '-c', 'printf "%s|%s" "$A" "$PWD"'], { env: { A: "x'y $z" }, cwd: '/tmp' });
      assert.equal(r.stdout, "x'y $z|/tmp");
    });

    it('env values of every kind arrive exactly, and the stdin after them is intact', async () => {
      const env = awkwardEnv();
      const stdin = randomBytes(256 * 1024);
      const r = await conn.exec(REPORT_PROGRAM, { env, stdin });
      assert.equal(r.rc, 0, r.stderr);
      const got = parseReport(r.stdout);
      AWKWARD_VALUES.forEach(([what], i) => assert.equal(got.env[`V${i}`], env[`V${i}`], what));
      assert.ok(Buffer.from(got.stdin, 'base64').equals(stdin), 'stdin after the env header');
    });

    it('with env: a command reading stdin sees EOF, and exit status and signal stay its own', async () => {
      assert.deepEqual(await conn.exec(['cat'], { env: { A: '1' } }), { rc: 0, stdout: '', stderr: '' });
      assert.equal((await conn.exec(['sh', '-c', 'exit 7'], { env: { A: '1' } })).rc, 7);
      const killed = await conn.exec(['sh', '-c', 'kill -9 $$'], { env: { A: '1' } });
      assert.deepEqual([killed.rc, killed.signal], [137, 'SIGKILL']);
      const late = await conn.exec(['sleep', '30'], { env: { A: '1' }, timeoutMs: 300 });
      assert.equal(late.rc, 124);
    });

    it('5 MB of stdin arrive intact (sha256sum)', async () => {
      const data = randomBytes(5 * 1024 * 1024);
      const r = await conn.exec(['sha256sum'], { stdin: data });
      assert.equal(r.stdout.split(' ')[0], createHash('sha256').update(data).digest('hex'));
    });

    it('without stdin, a command reading it sees EOF at once', async () => {
      const r = await conn.exec(['cat']);
      assert.deepEqual(r, { rc: 0, stdout: '', stderr: '' });
    });

    it('output past maxOutputBytes is dropped with a marker, and memory stays bounded', async () => {
      const before = process.memoryUsage().rss;
      const r = await conn.exec(['sh', '-c', 'head -c 200000000 /dev/zero; echo done >&2'], { maxOutputBytes: 1000 });
      assert.equal(r.rc, 0);
      assert.equal(r.truncated, true);
      assert.match(r.stdout, /\[deckhand: stdout truncated: kept 1000 of 200000000 bytes\]\n$/);
      assert.equal(r.stderr, 'done\n');
      assert.ok(process.memoryUsage().rss - before < 150 * 1024 * 1024, 'RSS grew by less than 150 MB');
    });

    it('timeoutMs kills the command: rc 124, and the connection stays usable', async () => {
      const t0 = Date.now();
      const r = await conn.exec(['sleep', '30'], { timeoutMs: 300 });
      assert.equal(r.rc, 124);
      assert.match(r.stderr, /timed out after 300 ms/);
      // Killed at the timeout: far below the 30 s the command would take, whatever the load.
      assert.ok(Date.now() - t0 < 15_000, `took ${Date.now() - t0} ms`);
      assert.equal((await conn.exec(['true'])).rc, 0);
    });

    it('returns when the command exits even if a background child holds stdout', async () => {
      const t0 = Date.now();
      const r = await conn.exec(['sh', '-c', 'sleep 20 & echo hi']);
      assert.equal(r.stdout, 'hi\n');
      // Far below the 20 s the background child holds stdout for, whatever the load.
      assert.ok(Date.now() - t0 < 15_000, `took ${Date.now() - t0} ms`);
    });

    it('put then get round-trips bytes and sets the mode', async () => {
      const path = `${dir()}/round trip's.bin`;
      const data = randomBytes(100_000);
      await conn.put(data, path, { mode: 0o600 });
      assert.deepEqual(Buffer.from((await conn.get(path)) ?? []), data);
      assert.equal((await conn.exec(['stat', '-c', '%a', path])).stdout.trim(), '600');
    });

    it('put replaces atomically (new inode, no temp files left) and keeps an existing mode', async () => {
      const path = `${dir()}/atomic.txt`;
      await conn.put('one\n', path, { mode: 0o751 });
      const inode1 = (await conn.exec(['stat', '-c', '%i', path])).stdout;
      await conn.put('two\n', path);
      const st = (await conn.exec(['stat', '-c', '%i %a', path])).stdout.trim().split(' ');
      assert.notEqual(st[0], inode1.trim());
      assert.equal(st[1], '751');
      assert.equal(Buffer.from((await conn.get(path)) ?? []).toString(), 'two\n');
      const left = (await conn.exec(['sh', '-c', `ls -A "$1" | grep deckhand || true`, 'sh', dir()])).stdout;
      assert.equal(left, '');
    });

    it('a new file without mode gets 0666 & ~umask', async () => {
      const path = `${dir()}/new.txt`;
      await conn.put('x', path);
      const umask = (await conn.exec(['sh', '-c', 'umask'])).stdout.trim();
      const expected = (0o666 & ~Number.parseInt(umask, 8)).toString(8);
      assert.equal((await conn.exec(['stat', '-c', '%a', path])).stdout.trim(), expected);
    });

    it('get of a missing file (or missing directory) is undefined', async () => {
      assert.equal(await conn.get(`${dir()}/nope`), undefined);
      assert.equal(await conn.get(`${dir()}/no/such/dir/file`), undefined);
    });

    it('get refuses a file larger than maxBytes; put into a missing directory fails', async () => {
      const path = `${dir()}/big.txt`;
      await conn.put('0123456789', path);
      assert.equal(Buffer.from((await conn.get(path, { maxBytes: 10 })) ?? []).toString(), '0123456789');
      await assert.rejects(conn.get(path, { maxBytes: 9 }), (e) => e instanceof RemoteFileError && e.kind === 'too-large');
      await assert.rejects(conn.put('x', `${dir()}/missing-dir/f`), (e) => e instanceof RemoteFileError && e.kind === 'failed');
      await assert.rejects(conn.put('x', dir()), (e) => e instanceof RemoteFileError && /is a directory/.test(e.message));
    });
  });
}
