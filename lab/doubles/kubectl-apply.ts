// kubectl apply / create -f / delete -f over manifests. apply records the
// last-applied configuration and reports created, configured or unchanged
// per object, exactly as kubectl prints them ("statefulset.apps/emqx
// configured"); errors are reported per object and make the exit status 1.
import { getObject, putObject, updateCluster, type ClusterState } from './cluster-store.js';
import { KubectlError } from './kubectl-context.js';
import { qualifiedName, qualifiedPlural, resolveManifestKind, type KindInfo } from './k8s-kinds.js';
import type { KObject } from './k8s-types.js';
import { invalidMessage, validate } from './manifest-validate.js';
import type { SourcedObject } from './manifest-source.js';
import { reconcile } from './reconcile.js';
import { foldStringData, isSubset, toStored } from './server-defaults.js';
import { deleteWithDependents } from './kubectl-delete.js';
import { stableStringify } from './workloads.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type Mode = 'apply' | 'create' | 'delete';

export interface ApplyOptions {
  readonly mode: Mode;
  /** -n, when given. */
  readonly namespace?: string;
  /** The kubeconfig context's namespace or "default". */
  readonly defaultNamespace: string;
  readonly dryRun?: 'client' | 'server';
  readonly ignoreNotFound?: boolean;
  readonly saveConfig?: boolean;
}

export interface ApplyResult {
  readonly lines: string[];
  readonly errors: string[];
}

interface Prepared {
  readonly info: KindInfo;
  readonly obj: KObject;
  readonly namespace: string | undefined;
}

function prepare(item: SourcedObject, opts: ApplyOptions): Prepared {
  const { obj, source } = item;
  const info = resolveManifestKind(obj.apiVersion, obj.kind);
  const objNs = obj.metadata.namespace;
  if (!info) {
    throw new KubectlError(`error: resource mapping not found for name: "${obj.metadata.name}" namespace: "${objNs ?? opts.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
  }
  if (obj.metadata.name === '') {
    const group = info.group === '' ? '' : info.group;
    throw new KubectlError(`error: error when retrieving current configuration of:\nResource: "${group}/${info.version}, Resource=${info.plural}", GroupVersionKind: "${group}/${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${objNs ?? ''}"\nfrom server for: "${source}": resource name may not be empty`);
  }
  if (!info.namespaced) {
    const { namespace: _dropped, ...meta } = obj.metadata;
    return { info, obj: { ...obj, metadata: meta }, namespace: undefined };
  }
  if (objNs && opts.namespace && objNs !== opts.namespace) {
    throw new KubectlError(`error: the namespace from the provided object "${objNs}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${objNs}' to perform this operation.`);
  }
  const namespace = objNs ?? opts.namespace ?? opts.defaultNamespace;
  return { info, obj: { ...obj, metadata: { ...obj.metadata, namespace } }, namespace };
}

function applyOne(state: ClusterState, item: SourcedObject, opts: ApplyOptions): string {
  const { info, obj, namespace } = prepare(item, opts);
  const verbing = opts.mode === 'delete' ? 'deleting' : 'creating';
  const what = `${qualifiedPlural(info)} "${obj.metadata.name}"`;
  const suffix = opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : '';
  const existing = getObject(state, info.kind, namespace, obj.metadata.name);

  if (opts.mode === 'delete') {
    if (!existing) {
      if (opts.ignoreNotFound) return '';
      throw new KubectlError(`Error from server (NotFound): error when deleting "${item.source}": ${what} not found`);
    }
    if (!opts.dryRun) deleteWithDependents(state, existing);
    return `${qualifiedName(info)} "${obj.metadata.name}" deleted${suffix}`;
  }
  if (namespace && info.kind !== 'Namespace' && !getObject(state, 'Namespace', undefined, namespace)) {
    throw new KubectlError(`Error from server (NotFound): error when ${verbing} "${item.source}": namespaces "${namespace}" not found`);
  }
  if (opts.mode === 'create' && existing) {
    throw new KubectlError(`Error from server (AlreadyExists): error when creating "${item.source}": ${what} already exists`);
  }
  const lastApplied = `${JSON.stringify(obj)}\n`;
  const record = opts.mode === 'apply' || opts.saveConfig;
  const manifest: KObject = record ? { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied } } } : obj;
  const name = `${qualifiedName(info)}/${obj.metadata.name}`;
  if (existing && opts.mode === 'apply') {
    const previous = existing.metadata.annotations?.[LAST_APPLIED];
    const same = previous !== undefined && stableStringify(JSON.parse(previous)) === stableStringify(obj);
    if (same && isSubset(foldStringData(manifest), existing)) return `${name} unchanged${suffix}`;
  }
  const errors = validate(manifest, existing, state);
  if (errors.length > 0) {
    throw new KubectlError(`Error from server (Invalid): error when ${existing ? 'applying patch' : 'creating'} ${existing ? `to:\nResource: "${info.group}/${info.version}, Resource=${info.plural}"\nName: "${obj.metadata.name}", Namespace: "${namespace ?? ''}"\nfor: "${item.source}": error when patching "${item.source}"` : `"${item.source}"`}: ${invalidMessage(obj, errors)}`);
  }
  if (!opts.dryRun) putObject(state, toStored(state, manifest, existing));
  return `${name} ${existing ? 'configured' : 'created'}${suffix}`;
}

export function applyManifests(items: readonly SourcedObject[], opts: ApplyOptions): ApplyResult {
  return updateCluster((state) => {
    const lines: string[] = [];
    const errors: string[] = [];
    for (const item of items) {
      try {
        const line = applyOne(state, item, opts);
        if (line) lines.push(line);
      } catch (error) {
        if (!(error instanceof KubectlError)) throw error;
        errors.push(error.message);
      }
    }
    reconcile(state);
    return { lines, errors };
  });
}
