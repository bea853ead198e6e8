import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { askVaultPassword, loadVaultPasswords, parseVaultId, readVaultPasswordFile, type PasswordRead } from '../../../engine/vault/index.js';
import { tempDir } from './support.js';

describe('vault: password files', () => {
  const dir = tempDir();
  const file = (name: string, content: string, mode = 0o600): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    chmodSync(p, mode);
    return p;
  };
  // [title, name, content, mode, expected password or error pattern]
  const cases: [string, string, string, number, string | RegExp][] = [
    ['a plain file, trailing newline dropped', 'plain', 'secret\n', 0o600, 'secret'],
    ['surrounding whitespace dropped, inner kept', 'spaces', '  two words \r\n', 0o600, 'two words'],
    ['an empty file', 'empty', '\n', 0o600, /is empty/],
    ['a script: its stdout', 'script', '#!/bin/sh\necho " from-script "\n', 0o700, ' from-script '],
    ['a script: only newlines are stripped', 'crlf', "#!/bin/sh\nprintf 'pw\\r\\n\\n'\n", 0o700, 'pw'],
    ['a failing script', 'fails', '#!/bin/sh\nexit 3\n', 0o700, /exited with code 3/],
    ['a script that prints nothing', 'silent', '#!/bin/sh\ntrue\n', 0o700, /printed no password/],
    ['a client script gets --vault-id', 'pass-client', '#!/bin/sh\necho "id=$2"\n', 0o700, 'id=prod'],
    ['a client script without the id', 'none-client.sh', '#!/bin/sh\necho nothing for $2 >&2\nexit 2\n', 0o700, /no secret for vault id 'prod': nothing for prod/],
    ['a script killed by a signal', 'killed', '#!/bin/sh\nkill -9 $$\n', 0o700, /was killed by SIGKILL/],
    ['an executable that cannot start', 'no-interpreter', '#!/nonexistent/interpreter\n', 0o700, /cannot run vault password script .*remove its executable bit/],
  ];
  for (const [title, name, content, mode, expected] of cases) {
    it(title, async () => {
      const r = await readVaultPasswordFile(file(name, content, mode), { label: 'prod' });
      if (typeof expected === 'string') assert.deepEqual(r, { ok: true, password: expected });
      else assert.ok(!r.ok && expected.test(r.message), JSON.stringify(r));
    });
  }

  const missing: [string, string, RegExp][] = [
    ['a missing file', join(dir, 'nope'), /cannot read vault password file .*: no such file/],
    ['a directory', dir, /is not a regular file/],
  ];
  for (const [title, path, expected] of missing) {
    it(title, async () => {
      const r = await readVaultPasswordFile(path);
      assert.ok(!r.ok && expected.test(r.message), JSON.stringify(r));
    });
  }
});

describe('vault: --vault-id', () => {
  const cases: [string, { label: string; source: string } | RegExp][] = [
    ['pw.txt', { label: 'default', source: 'pw.txt' }],
    ['prod@pw.txt', { label: 'prod', source: 'pw.txt' }],
    ['@prompt', { label: 'default', source: 'prompt' }],
    ['dev@prompt', { label: 'dev', source: 'prompt' }],
    ['a@b@c', { label: 'a', source: 'b@c' }],
    ['prod@', /names no password file/],
    ['', /names no password file/],
    ['a;b@pw', /must not contain/],
  ];
  for (const [spec, expected] of cases) {
    it(JSON.stringify(spec), () => {
      const r = parseVaultId(spec);
      if (expected instanceof RegExp) assert.ok(!r.ok && expected.test(r.message));
      else assert.deepEqual(r, { ok: true, id: expected });
    });
  }
});

describe('vault: password sources together', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a'), 'pw-a\n');
  writeFileSync(join(dir, 'b'), 'pw-b\n');
  const answers = (...list: string[]) => {
    const asked: string[] = [];
    return { asked, ask: (prompt: string): Promise<PasswordRead> => (asked.push(prompt), Promise.resolve({ ok: true, password: list.shift() ?? '' })) };
  };
  const base = { passwordFiles: [], vaultIds: [], askVaultPass: false, cwd: dir, env: {} };

  it('vault ids, then password files, then the prompt; relative to cwd', async () => {
    const a = answers('typed');
    const r = await loadVaultPasswords({ ...base, vaultIds: ['prod@a'], passwordFiles: ['b'], askVaultPass: true, ask: a.ask });
    assert.deepEqual(r, { ok: true, passwords: [{ label: 'prod', password: 'pw-a' }, { password: 'pw-b' }, { password: 'typed' }] });
    assert.deepEqual(a.asked, ['Vault password: ']);
  });

  const envCases: [string, Record<string, string>, string[]][] = [
    ['DECKHAND_VAULT_PASSWORD_FILE when nothing else is given', { DECKHAND_VAULT_PASSWORD_FILE: 'a', ANSIBLE_VAULT_PASSWORD_FILE: 'b' }, ['pw-a']],
    ['ANSIBLE_VAULT_PASSWORD_FILE as the fallback', { ANSIBLE_VAULT_PASSWORD_FILE: 'b' }, ['pw-b']],
    ['nothing at all', {}, []],
  ];
  for (const [title, env, expected] of envCases) {
    it(title, async () => {
      const r = await loadVaultPasswords({ ...base, env });
      assert.ok(r.ok);
      assert.deepEqual(r.passwords.map((p) => p.password), expected);
    });
  }

  const confirmCases: [string, string[], string | RegExp][] = [
    ['confirmed', ['new', 'new'], 'new'],
    ['not confirmed', ['new', 'other'], /do not match/],
  ];
  for (const [title, typed, expected] of confirmCases) {
    it(`a prompt for encryption asks twice: ${title}`, async () => {
      const a = answers(...typed);
      const r = await loadVaultPasswords({ ...base, vaultIds: ['dev@prompt'], confirm: true, ask: a.ask });
      assert.deepEqual(a.asked, ['New vault password (dev): ', 'Confirm new vault password (dev): ']);
      if (typeof expected === 'string') assert.deepEqual(r, { ok: true, passwords: [{ label: 'dev', password: expected }] });
      else assert.ok(!r.ok && r.kind === 'password' && expected.test(r.message));
    });
  }

  it('a bad --vault-id is an options problem', async () => {
    const r = await loadVaultPasswords({ ...base, vaultIds: ['x@'] });
    assert.ok(!r.ok && r.kind === 'options');
  });
});

describe('vault: asking on a terminal', () => {
  // [title, terminal?, keys typed, expected]
  const cases: [string, boolean, string[], PasswordRead][] = [
    ['a typed line', true, ['hun', 'ter2\r'], { ok: true, password: 'hunter2' }],
    ['backspace edits', true, ['hunx\u007fter2\r'], { ok: true, password: 'hunter2' }],
    ['Ctrl-C cancels', true, ['hun\u0003'], { ok: false, message: 'cancelled' }],
    ['Ctrl-D on an empty line cancels', true, ['\u0004'], { ok: false, message: 'cancelled' }],
    ['Enter alone is an empty password', true, ['\r'], { ok: false, message: 'the vault password is empty' }],
    ['without a terminal, the first line of input', false, ['piped\nrest\n'], { ok: true, password: 'piped' }],
  ];
  for (const [title, tty, keys, expected] of cases) {
    it(title, async () => {
      const modes: boolean[] = [];
      const input = Object.assign(new PassThrough(), tty ? { isTTY: true, setRawMode: (m: boolean) => modes.push(m) } : {});
      const output = new PassThrough();
      const shown: string[] = [];
      output.on('data', (b: Buffer) => shown.push(b.toString()));
      const answer = askVaultPassword('Vault password: ', { input, output });
      for (const k of keys) input.write(k);
      assert.deepEqual(await answer, expected);
      assert.deepEqual(modes, tty ? [true, false] : [], 'raw mode on, then restored');
      assert.equal(shown.join(''), 'Vault password: \n', 'nothing typed is echoed');
    });
  }
});
