// Renders a role's template with the variables a play would give it: cluster-defaults and the
// role's own defaults (both templated), then the given inventory-like variables on top.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseYaml } from '../../engine/source/yaml-file.js';
import { renderFile, type VarEntry } from '../../engine/template/index.js';

export const rolesDir = fileURLToPath(new URL('../../../roles/', import.meta.url));

function defaults(role: string): Record<string, unknown> {
  const path = `${rolesDir}${role}/defaults/main.yml`;
  const r = parseYaml(path, readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.diagnostics[0]?.message}`);
  return (r.file.value ?? {}) as Record<string, unknown>;
}

export function renderRoleTemplate(role: string, template: string, vars: Record<string, unknown>): string {
  const source = new Map<string, VarEntry>();
  for (const [k, v] of Object.entries({ ...defaults('cluster-defaults'), ...defaults(role) })) source.set(k, { value: v, templated: true });
  for (const [k, v] of Object.entries(vars)) source.set(k, { value: v, templated: true });
  const path = `${rolesDir}${role}/templates/${template}`;
  const r = renderFile(readFileSync(path, 'utf8'), source, path);
  if (!r.ok) throw new Error(`${path}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export function manifests(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length) throw new Error(d.errors[0]?.message);
    return d.toJS() as Record<string, unknown>;
  });
}
