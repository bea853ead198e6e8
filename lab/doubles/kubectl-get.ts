// kubectl get: TYPE[,TYPE] [NAME…], TYPE/NAME, `all`; -n / -A, -l,
// --field-selector; output as tables (wide, --no-headers, --show-labels),
// json, yaml, name, jsonpath and custom-columns.
import { stringify } from 'yaml';
import { getObject, listObjects, type ClusterState } from './cluster-store.js';
import { KubectlError } from './kubectl-context.js';
import { ALL_KINDS, byKind, qualifiedName, qualifiedPlural, resolveResource, type KindInfo } from './k8s-kinds.js';
import type { KObject } from './k8s-types.js';
import { jsonpath } from './jsonpath.js';
import { matchesAll, type Requirement } from './labels.js';
import { reconciledSnapshot } from './reconcile.js';
import { renderTable, tableFor } from './kubectl-tables.js';

export interface GetOptions {
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly selector?: readonly Requirement[];
  readonly fieldSelector?: string;
  readonly output?: string;
  readonly noHeaders: boolean;
  readonly showLabels: boolean;
}

export interface Query {
  readonly info: KindInfo;
  readonly names: readonly string[];
}

/** Turns `pods`, `svc,ep`, `ds/kube-flannel-ds nodes/a` into queries. */
export function parseResourceArgs(args: readonly string[]): Query[] {
  const [first, ...rest] = args;
  if (first === undefined) throw new KubectlError('error: you must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.');
  const resolve = (name: string): KindInfo => {
    const info = resolveResource(name);
    if (!info) throw new KubectlError(`error: the server doesn't have a resource type "${name}"`);
    return info;
  };
  if (args.every((a) => a.includes('/'))) {
    return args.map((a) => {
      const [type, name] = a.split('/');
      return { info: resolve(type ?? ''), names: [name ?? ''] };
    });
  }
  const types = first.split(',').flatMap((t) => (t === 'all' ? ALL_KINDS.map((k) => byKind(k)?.plural ?? k) : [t]));
  return types.map((t) => ({ info: resolve(t), names: rest }));
}

function fieldValue(obj: KObject, path: string): string {
  let value: unknown = obj;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value === undefined ? '' : String(value);
}

function matchesFields(obj: KObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (!match) throw new KubectlError(`error: invalid selector: '${term}'; can't understand '${term}'`);
    const equal = fieldValue(obj, match[1] ?? '') === match[3];
    return match[2] === '!=' ? !equal : equal;
  });
}

export interface GetResult {
  readonly out: string;
  readonly errors: string[];
  readonly notice?: string;
}

export function select(state: ClusterState, q: Query, opts: GetOptions, errors: string[]): KObject[] {
  const ns = q.info.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
  if (q.names.length > 0) {
    return q.names.flatMap((name) => {
      const found = getObject(state, q.info.kind, q.info.namespaced ? opts.namespace : undefined, name);
      if (!found) errors.push(`Error from server (NotFound): ${qualifiedPlural(q.info)} "${name}" not found`);
      return found ? [found] : [];
    });
  }
  return listObjects(state, q.info.kind, ns).filter((o) => (!opts.selector || matchesAll(o.metadata.labels, opts.selector)) && matchesFields(o, opts.fieldSelector));
}

export function getResources(queries: readonly Query[], opts: GetOptions): GetResult {
  const errors: string[] = [];
  const state = reconciledSnapshot();
  const found = queries.map((q) => ({ q, objects: select(state, q, opts, errors) }));
  const all = found.flatMap((f) => f.objects);
  const single = queries.length === 1 && queries[0]?.names.length === 1;
  const output = opts.output ?? '';
  if (all.length === 0 && !single && errors.length === 0 && !/^(json|yaml)$/.test(output)) {
    const scoped = queries.some((q) => q.info.namespaced) && !opts.allNamespaces;
    return { out: '', errors, notice: scoped ? `No resources found in ${opts.namespace} namespace.` : 'No resources found' };
  }
  const list = { apiVersion: 'v1', items: all, kind: 'List', metadata: { resourceVersion: '' } };
  // kubectl prints objects as unstructured maps: keys in sorted order.
  const data: unknown = sortKeys(single && all[0] ? all[0] : list);
  if (output === 'json') return { out: `${JSON.stringify(data, null, 4)}\n`, errors };
  if (output === 'yaml') return { out: stringify(data), errors };
  if (output === 'name') return { out: all.map((o) => `${resourceName(o.kind)}/${o.metadata.name}\n`).join(''), errors };
  if (output.startsWith('jsonpath=') || output.startsWith('jsonpath-as-json=')) {
    const template = output.slice(output.indexOf('=') + 1);
    return { out: jsonpath(template, data), errors };
  }
  if (output.startsWith('custom-columns=')) return { out: customColumns(output.slice('custom-columns='.length), all, opts.noHeaders), errors };
  if (output !== '' && output !== 'wide') throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
  const blocks = found
    .filter((f) => f.objects.length > 0)
    .map(({ q, objects }) => {
      const table = tableFor(q.info.kind, objects, output === 'wide');
      const prefix = found.length > 1 ? `${qualifiedName(q.info)}/` : '';
      const rows = table.rows.map((row, i) => {
        const obj = objects[i];
        const cells = [...row];
        cells[0] = prefix + (cells[0] ?? '');
        if (opts.allNamespaces && q.info.namespaced) cells.unshift(obj?.metadata.namespace ?? '');
        if (opts.showLabels) cells.push(Object.entries(obj?.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>');
        return cells;
      });
      const headers = [...(opts.allNamespaces && q.info.namespaced ? ['NAMESPACE'] : []), ...table.headers, ...(opts.showLabels ? ['LABELS'] : [])];
      return renderTable({ headers, rows }, !opts.noHeaders);
    });
  return { out: blocks.join('\n'), errors };
}

function resourceName(kind: string): string {
  const info = byKind(kind);
  return info ? qualifiedName(info) : kind.toLowerCase();
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

function customColumns(spec: string, objects: readonly KObject[], noHeaders: boolean): string {
  const columns = spec.split(',').map((col) => {
    const [header, path] = col.split(':');
    return { header: header ?? '', path: path ?? '' };
  });
  const rows = objects.map((o) => columns.map((c) => jsonpath(`{${c.path}}`, o) || '<none>'));
  return renderTable({ headers: columns.map((c) => c.header), rows }, !noHeaders);
}
