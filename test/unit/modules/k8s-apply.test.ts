import assert from 'node:assert/strict';
import { anyChange, k8sApply, manifestText, parseApplyOutput } from '../../../engine/modules/k8s-apply.js';
import { fakeConnection } from './support/fake-connection.js';
import { makeCtx, runTask } from './support/harness.js';

const NS = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'emqx' } };

describe('modules/k8s_apply', () => {
  const table: [string, { kind: string; name: string; action: string }[], boolean][] = [
    ['namespace/emqx created\nservice/emqx unchanged', [{ kind: 'namespace', name: 'emqx', action: 'created' }, { kind: 'service', name: 'emqx', action: 'unchanged' }], true],
    ['statefulset.apps/emqx configured', [{ kind: 'statefulset.apps', name: 'emqx', action: 'configured' }], true],
    ['namespace/kube-flannel unchanged\nserviceaccount/flannel unchanged', [{ kind: 'namespace', name: 'kube-flannel', action: 'unchanged' }, { kind: 'serviceaccount', name: 'flannel', action: 'unchanged' }], false],
    ['namespace/emqx created (server dry run)', [{ kind: 'namespace', name: 'emqx', action: 'created' }], true],
    ['deployment.apps "emqx" deleted', [{ kind: 'deployment.apps', name: 'emqx', action: 'deleted' }], true],
    ['Warning: resource namespaces/emqx is missing the kubectl.kubernetes.io/last-applied-configuration annotation', [], false],
  ];
  for (const [out, objects, changed] of table) {
    it(`parses ${JSON.stringify(out.split('\n')[0])}`, () => {
      assert.deepEqual(parseApplyOutput(out), objects);
      assert.equal(anyChange(objects), changed);
    });
  }

  it('turns objects into YAML documents', () => {
    assert.equal(manifestText([NS, { kind: 'ConfigMap' }]), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: emqx\n---\nkind: ConfigMap\n');
    assert.equal(manifestText('kind: X\n'), 'kind: X\n');
  });

  it('applies with the manifest on stdin, namespace and kubeconfig as flags', async () => {
    const conn = fakeConnection([{ match: ['kubectl', 'apply'], result: { stdout: 'namespace/emqx created\n' } }]);
    const r = await runTask(k8sApply, { definition: NS, namespace: 'emqx', kubeconfig: '/etc/kubernetes/admin.conf' }, makeCtx(conn));
    assert.equal(r.result.changed, true);
    assert.deepEqual(conn.calls[0]?.argv, ['kubectl', 'apply', '-f', '-', '-n', 'emqx', '--kubeconfig', '/etc/kubernetes/admin.conf']);
    assert.equal(conn.calls[0]?.opts?.stdin, manifestText(NS));
    assert.equal(conn.calls.length, 1, 'a real run asks kubectl once');
  });

  it('a second apply with everything unchanged is no change', async () => {
    const conn = fakeConnection([{ match: ['apply'], result: { stdout: 'namespace/emqx unchanged\n' } }]);
    assert.equal((await runTask(k8sApply, { definition: NS }, makeCtx(conn))).result.changed, false);
  });

  const checks: [string, { dry: { rc: number; stdout?: string }; diff?: { rc: number } }, boolean | 'unknown'][] = [
    ['server dry run says created', { dry: { rc: 0, stdout: 'namespace/emqx created (server dry run)\n' } }, true],
    ['server dry run says unchanged', { dry: { rc: 0, stdout: 'namespace/emqx unchanged (server dry run)\n' } }, false],
    ['dry run fails, kubectl diff exit 1', { dry: { rc: 1 }, diff: { rc: 1 } }, true],
    ['dry run fails, kubectl diff exit 0', { dry: { rc: 1 }, diff: { rc: 0 } }, false],
    ['neither can tell', { dry: { rc: 1 }, diff: { rc: 2 } }, 'unknown'],
  ];
  for (const [name, answers, changed] of checks) {
    it(`check mode: ${name}`, async () => {
      const conn = fakeConnection([
        { match: ['--dry-run=server'], result: answers.dry },
        { match: ['kubectl', 'diff'], result: answers.diff ?? { rc: 2 } },
      ]);
      const r = await runTask(k8sApply, { definition: NS }, makeCtx(conn, { check: true }));
      assert.equal(r.outcome.changed, changed);
      assert.ok(conn.calls.every((c) => c.argv[1] !== 'apply' || c.argv.includes('--dry-run=server')), 'never a real apply');
    });
  }

  it('remote_src passes the host path to -f', async () => {
    const conn = fakeConnection([{ match: ['apply'], result: { stdout: 'daemonset.apps/kube-flannel-ds configured\n' } }]);
    await runTask(k8sApply, { src: '/root/kube-flannel.yml', remote_src: true }, makeCtx(conn));
    assert.deepEqual(conn.calls[0]?.argv, ['kubectl', 'apply', '-f', '/root/kube-flannel.yml']);
    assert.equal(conn.calls[0]?.opts?.stdin, undefined);
  });

  it('state=absent deletes and reports deleted objects', async () => {
    const conn = fakeConnection([{ match: ['delete'], result: { stdout: 'namespace "emqx" deleted\n' } }]);
    const r = await runTask(k8sApply, { definition: NS, state: 'absent' }, makeCtx(conn));
    assert.equal(r.result.changed, true);
    assert.deepEqual(conn.calls[0]?.argv.slice(0, 4), ['kubectl', 'delete', '-f', '-']);
  });

  it('a failed apply is a failed result with kubectl output', async () => {
    const conn = fakeConnection([{ match: ['apply'], result: { rc: 1, stderr: 'error: unable to recognize "STDIN": no matches for kind "Foo"\n' } }]);
    const r = await runTask(k8sApply, { definition: 'kind: Foo\n' }, makeCtx(conn));
    assert.equal(r.result.failed, true);
    assert.match(r.result.msg ?? '', /no matches for kind/);
  });
});
