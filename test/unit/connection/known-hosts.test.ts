import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHostKey, fingerprint, keyTypeOf, knownKeyAlgorithms } from '../../../engine/connection/host-key-policy.js';
import { entryMatches, globMatch, loadKnownHosts, lookupName, parseKnownHosts } from '../../../engine/connection/known-hosts.js';

// Two real ed25519 public keys (blob = base64 field of a .pub line).
function newKey(dir: string, name: string): { line: string; blob: Buffer } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
  const [type, b64] = readFileSync(`${path}.pub`, 'utf8').split(' ');
  return { line: `${type} ${b64}`, blob: Buffer.from(b64 ?? '', 'base64') };
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('connection/known-hosts', () => {
  let dir: string;
  let a: { line: string; blob: Buffer };
  let b: { line: string; blob: Buffer };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'deckhand-kh-'));
    a = newKey(dir, 'a');
    b = newKey(dir, 'b');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lookup name is host on port 22 and [host]:port otherwise', () => {
    assert.equal(lookupName('10.0.0.1', 22), '10.0.0.1');
    assert.equal(lookupName('10.0.0.1', 2222), '[10.0.0.1]:2222');
  });

  const matching: ReadonlyArray<readonly [string, string, boolean]> = [
    ['node1', 'node1', true],
    ['NODE1', 'node1', true],
    ['node0,node1,node2', 'node1', true],
    ['node1', '[node1]:2222', false],
    ['[node1]:2222', '[node1]:2222', true],
    ['[node1]:2222', 'node1', false],
    ['*.lan', 'a.lan', true],
    ['*.lan,!bad.lan', 'bad.lan', false],
    ['node?', 'node7', true],
    ['10.0.0.*', '10.0.0.5', true],
    ['10.0.0.1', '10.0.0.10', false],
  ];
  for (const [patterns, name, expected] of matching) {
    it(`pattern ${patterns} ${expected ? 'matches' : 'does not match'} ${name}`, () => {
      const kh = parseKnownHosts(`${patterns} ${a.line}\n`, 'kh');
      const entry = kh.entries[0];
      assert.ok(entry);
      assert.equal(entryMatches(entry, name), expected);
    });
  }

  it('hashed entries match the name they were hashed from, with and without a port', () => {
    const kh = parseKnownHosts(`${hashed('node1')} ${a.line}\n${hashed('[node2]:2200')} ${b.line}\n`, 'kh');
    const [e1, e2] = kh.entries;
    assert.ok(e1 && e2);
    assert.equal(entryMatches(e1, 'node1'), true);
    assert.equal(entryMatches(e1, 'node2'), false);
    assert.equal(entryMatches(e2, '[node2]:2200'), true);
    assert.equal(entryMatches(e2, 'node2'), false);
  });

  it('skips comments, blank and malformed lines; notes @cert-authority', () => {
    const kh = parseKnownHosts(`# comment\n\nonly-one-field\n@cert-authority *.lan ${a.line}\nnode1 ${b.line} a comment\n`, 'f');
    assert.equal(kh.entries.length, 1);
    assert.equal(kh.notes.length, 1);
    assert.match(kh.notes[0] ?? '', /f:4: @cert-authority/);
  });

  it('loads several files in order and skips missing ones', () => {
    writeFileSync(join(dir, 'kh1'), `node1 ${a.line}\n`);
    writeFileSync(join(dir, 'kh2'), `node2 ${b.line}\n`);
    const kh = loadKnownHosts([join(dir, 'missing'), join(dir, 'kh1'), join(dir, 'kh2')]);
    assert.deepEqual(kh.entries.map((e) => e.source), [`${join(dir, 'kh1')}:1`, `${join(dir, 'kh2')}:1`]);
  });

  it('fingerprint is what ssh-keygen -l prints', () => {
    const out = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'a.pub')]).toString();
    assert.equal(out.split(' ')[1], fingerprint(a.blob));
    assert.equal(keyTypeOf(a.blob), 'ssh-ed25519');
  });

  type Case = readonly [title: string, file: (n: string) => string, name: string, presented: () => Buffer, kind: string];
  const verdicts: readonly Case[] = [
    ['known plain host', (n) => `${n} ${a.line}`, 'node1', () => a.blob, 'ok'],
    ['known in a comma list', (n) => `x,${n},y ${a.line}`, 'node1', () => a.blob, 'ok'],
    ['known [host]:port', () => `[node1]:2222 ${a.line}`, '[node1]:2222', () => a.blob, 'ok'],
    ['known hashed', (n) => `${hashed(n)} ${a.line}`, 'node1', () => a.blob, 'ok'],
    ['known hashed [host]:port', (n) => `${hashed(n)} ${a.line}`, '[node1]:2222', () => a.blob, 'ok'],
    ['unknown host', () => `other ${a.line}`, 'node1', () => a.blob, 'host-key-unknown'],
    ['port differs from the recorded one', () => `[node1]:2200 ${a.line}`, '[node1]:2222', () => a.blob, 'host-key-unknown'],
    ['changed key', (n) => `${n} ${a.line}`, 'node1', () => b.blob, 'host-key-changed'],
    ['changed key, hashed entry', (n) => `${hashed(n)} ${a.line}`, 'node1', () => b.blob, 'host-key-changed'],
    ['revoked key', (n) => `${n} ${a.line}\n@revoked * ${a.line}`, 'node1', () => a.blob, 'host-key-changed'],
  ];
  for (const [title, file, name, presented, kind] of verdicts) {
    it(`verdict: ${title} -> ${kind}`, () => {
      const kh = parseKnownHosts(`${file(name)}\n`, 'kh');
      const v = checkHostKey(kh, name, presented());
      assert.equal(v.ok ? 'ok' : v.kind, kind);
      if (!v.ok) {
        assert.equal(v.fingerprint, fingerprint(presented()));
        assert.ok(v.message.includes(v.fingerprint), 'message names the presented fingerprint');
      }
    });
  }

  it('offers the host key algorithms of the known key types, RSA as rsa-sha2 first', () => {
    const kh = parseKnownHosts(`node1 ${a.line}\nnode1 ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ==\n`, 'kh');
    assert.deepEqual(knownKeyAlgorithms(kh, 'node1'), ['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.equal(knownKeyAlgorithms(kh, 'node2'), undefined);
  });

  it('glob metacharacters other than * and ? are literal', () => {
    assert.equal(globMatch('a.b', 'axb'), false);
    assert.equal(globMatch('[h]:22', '[h]:22'), true);
  });
});
