import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deb822Repository, keySource, renderSources, slugOf } from '../../../engine/modules/deb822-repository.js';
import { fakeConnection, probeOutput } from './support/fake-connection.js';
import { makeCtx, runTask } from './support/harness.js';

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGMH\n-----END PGP PUBLIC KEY BLOCK-----\n';
const K8S = { name: 'kubernetes', uris: 'https://pkgs.k8s.io/core:/stable:/v1.33/deb/', suites: '/', signed_by: 'https://pkgs.k8s.io/core:/stable:/v1.33/deb/Release.key' };
const K8S_TEXT = [
  'X-Repolib-Name: kubernetes',
  'Signed-By: /etc/apt/keyrings/kubernetes.asc',
  'Suites: /',
  'Types: deb',
  'URIs: https://pkgs.k8s.io/core:/stable:/v1.33/deb/',
  '',
].join('\n');

function hostAnswer(o: { asc?: string; sources?: string; key?: string }): string {
  const sources = o.sources === undefined ? probeOutput() : probeOutput({ sha256: sha(o.sources), content: o.sources });
  const keyLine = o.key === undefined ? '' : `rc 0 ${Buffer.from(o.key).toString('base64')}\n`;
  return `${o.asc === undefined ? probeOutput() : probeOutput({ sha256: sha(o.asc) })}${probeOutput()}@@key\n${keyLine}@@sources\n${sources}`;
}

describe('modules/deb822_repository', () => {
  const slugs: [string, string][] = [['kubernetes', 'kubernetes'], ['Docker CE_stable', 'docker-ce-stable'], ['a.b/c', 'abc']];
  for (const [name, slug] of slugs) it(`file name for ${name}`, () => assert.equal(slugOf(name), slug));

  it('renders fields sorted by argument name, like Ansible', () => {
    assert.equal(renderSources(K8S, '/etc/apt/keyrings/kubernetes.asc'), K8S_TEXT);
    const docker = renderSources({ name: 'docker', uris: ['https://download.docker.com/linux/ubuntu'], suites: ['noble'], components: 'stable', architectures: ['amd64'], enabled: true }, '/k.asc');
    assert.equal(docker, 'Architectures: amd64\nComponents: stable\nEnabled: yes\nX-Repolib-Name: docker\nSigned-By: /k.asc\nSuites: noble\nTypes: deb\nURIs: https://download.docker.com/linux/ubuntu\n');
  });

  it('embeds an inline key as a deb822 multi-line field', () => {
    const text = renderSources({ name: 'x', uris: 'http://r', suites: 's' }, KEY);
    assert.match(text, /^X-Repolib-Name: x\nSigned-By:\n {4}-----BEGIN PGP PUBLIC KEY BLOCK-----\n {4}\.\n {4}mQINBGMH\n {4}-----END PGP PUBLIC KEY BLOCK-----\n/);
  });

  const sources: [string | undefined, string][] = [[undefined, 'none'], ['/usr/share/keyrings/k.gpg', 'path'], ['https://x/key', 'url'], [KEY, 'inline']];
  for (const [v, kind] of sources) it(`signed_by ${String(v).slice(0, 20)} is a ${kind}`, () => assert.equal(keySource(v).kind, kind));

  it('a new repository: fetches the key on the host, writes keyring and sources', async () => {
    const conn = fakeConnection([{ match: ['@@key'], result: { stdout: hostAnswer({ key: KEY }) } }, { match: /./, result: { stdout: `backup\t\n${probeOutput({})}` } }]);
    const checked = await runTask(deb822Repository, K8S, makeCtx(conn, { check: true, diff: true }));
    assert.equal(checked.result.changed, true);
    assert.deepEqual(checked.result.diff, [{ path: '/etc/apt/sources.list.d/kubernetes.sources', before: '', after: K8S_TEXT }]);
    assert.equal(conn.calls[0]?.argv.includes(K8S.signed_by), true, 'the key URL is a positional argument');
    const ran = await runTask(deb822Repository, K8S, makeCtx(conn));
    assert.equal(ran.result.failed, undefined, ran.result.msg);
    const writes = conn.calls.filter((c) => c.argv.join(' ').includes('write_file')).map((c) => c.argv.at(-7));
    assert.deepEqual(writes, ['/etc/apt/keyrings/kubernetes.asc', '/etc/apt/sources.list.d/kubernetes.sources']);
  });

  it('an unchanged repository and key: no change', async () => {
    const conn = fakeConnection([{ match: ['@@key'], result: { stdout: hostAnswer({ key: KEY, asc: KEY, sources: K8S_TEXT }) } }]);
    const r = await runTask(deb822Repository, K8S, makeCtx(conn));
    assert.equal(r.result.changed, false);
    assert.equal(conn.calls.length, 1, 'one round trip');
  });

  it('state=absent removes the sources file and the keyring', async () => {
    const conn = fakeConnection([{ match: ['@@key'], result: { stdout: hostAnswer({ asc: KEY, sources: K8S_TEXT }) } }, { match: ['rm'], result: {} }]);
    const r = await runTask(deb822Repository, { name: 'kubernetes', state: 'absent' }, makeCtx(conn));
    assert.equal(r.result.changed, true);
    assert.deepEqual(conn.calls.slice(1).map((c) => c.argv.at(-1)), ['/etc/apt/sources.list.d/kubernetes.sources', '/etc/apt/keyrings/kubernetes.asc']);
  });

  it('fails when the key cannot be fetched', async () => {
    const conn = fakeConnection([{ match: ['@@key'], result: { stdout: hostAnswer({}).replace('@@key\n', '@@key\nrc 22 \n') } }]);
    const r = await runTask(deb822Repository, K8S, makeCtx(conn));
    assert.equal(r.result.failed, true);
    assert.match(r.result.msg ?? '', /Could not fetch signed_by key/);
  });
});
