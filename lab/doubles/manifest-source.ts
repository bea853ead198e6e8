// Manifests as kubectl reads them for -f: a file, a directory of
// .yaml/.yml/.json files, stdin (-), or an http(s) URL; multi-document YAML
// and `kind: List` expanded into objects, each remembering its source.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubectlError, userPath } from './kubectl-context.js';
import { isRecord, type KObject } from './k8s-types.js';

export interface SourcedObject {
  readonly obj: KObject;
  readonly source: string;
}

async function readSource(source: string, stdin: () => string): Promise<Array<{ text: string; source: string }>> {
  if (source === '-') return [{ text: stdin(), source: 'STDIN' }];
  if (/^https?:\/\//.test(source)) {
    let response: Response;
    try {
      response = await fetch(source);
    } catch (error) {
      throw new KubectlError(`error: unable to read URL "${source}", server reported ${(error as Error).message}`);
    }
    if (!response.ok) throw new KubectlError(`error: unable to read URL "${source}", server reported ${response.status} ${response.statusText}, status code=${response.status}`);
    return [{ text: await response.text(), source }];
  }
  const path = userPath(source);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new KubectlError(`error: the path "${source}" does not exist`);
  }
  if (!isDir) return [{ text: readFileSync(path, 'utf8'), source }];
  return readdirSync(path)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ text: readFileSync(join(path, f), 'utf8'), source: join(source, f) }));
}

export async function loadManifests(sources: readonly string[], stdin: () => string): Promise<SourcedObject[]> {
  if (sources.length === 0) throw new KubectlError('error: must specify one of -f and -k');
  const out: SourcedObject[] = [];
  for (const given of sources) {
    for (const { text, source } of await readSource(given, stdin)) {
      for (const doc of parseAllDocuments(text)) {
        if (doc.errors.length > 0) throw new KubectlError(`error: error parsing ${source}: error converting YAML to JSON: yaml: ${doc.errors[0]?.message ?? 'invalid'}`);
        const value: unknown = doc.toJS();
        if (value === null || value === undefined) continue;
        if (!isRecord(value)) throw new KubectlError(`error: error validating "${source}": error validating data: invalid object to validate`);
        expand(value, source, out);
      }
    }
  }
  if (out.length === 0) throw new KubectlError('error: no objects passed to apply');
  return out;
}

function expand(value: Record<string, unknown>, source: string, out: SourcedObject[]): void {
  if (value.kind === 'List' && Array.isArray(value.items)) {
    for (const item of value.items) if (isRecord(item)) expand(item, source, out);
    return;
  }
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') throw new KubectlError(`error: error validating "${source}": error validating data: apiVersion not set`);
  if (typeof value.kind !== 'string' || value.kind === '') throw new KubectlError(`error: error validating "${source}": error validating data: kind not set`);
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  // The server ignores status and null metadata fields (creationTimestamp: null from --dry-run output).
  const { status: _status, ...rest } = value;
  const cleaned = Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== null));
  out.push({ obj: { ...rest, apiVersion: value.apiVersion, kind: value.kind, metadata: { ...cleaned, name: typeof metadata.name === 'string' ? metadata.name : '' } }, source });
}
