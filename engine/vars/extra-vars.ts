// -e/--extra-vars: `k=v k2=v2` (values stay strings, as in Ansible), a JSON or YAML mapping, or
// @FILE (YAML/JSON). Later -e options override earlier ones.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { isRecord } from '../load/keywords.js';
import { parseKvArgs } from '../text/kv-args.js';
import { parseVaultedYaml, type VaultPassword } from '../vault/index.js';

export type ExtraVarsResult = { ok: true; vars: Record<string, unknown>; secrets?: readonly string[] } | { ok: false; diagnostics: Diagnostic[] };

export function parseExtraVars(values: readonly string[], cwd: string, passwords: readonly VaultPassword[] = []): ExtraVarsResult {
  const vars: Record<string, unknown> = {};
  const secrets: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const raw of values) {
    const r = parseOne(raw, cwd, passwords);
    if (r.ok) {
      Object.assign(vars, r.vars);
      secrets.push(...(r.secrets ?? []));
    }
    else diagnostics.push(...r.diagnostics);
  }
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, vars, secrets };
}

function parseOne(raw: string, cwd: string, passwords: readonly VaultPassword[]): ExtraVarsResult {
  const text = raw.trim();
  if (text.startsWith('@')) {
    const path = resolve(cwd, text.slice(1));
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch {
      return { ok: false, diagnostics: [diagnostic('EXTRA_VARS_FILE', `-e ${raw}: cannot read ${path}`)] };
    }
    return fromYaml(path, content, passwords);
  }
  if (text.startsWith('{') || text.startsWith('---')) return fromYaml('<extra-vars>', text, passwords);
  const kv = parseKvArgs(text);
  if (!kv.ok) return { ok: false, diagnostics: [diagnostic('EXTRA_VARS', `-e ${raw}: ${kv.message}`)] };
  return { ok: true, vars: kv.args };
}

function fromYaml(name: string, text: string, passwords: readonly VaultPassword[]): ExtraVarsResult {
  const y = parseVaultedYaml(name, text, passwords);
  if (!y.ok) return { ok: false, diagnostics: y.diagnostics };
  if (y.file.value === null) return { ok: true, vars: {} };
  if (!isRecord(y.file.value)) return { ok: false, diagnostics: [y.file.at([], 'EXTRA_VARS', 'extra vars must be a mapping')] };
  return { ok: true, vars: y.file.value, secrets: y.secrets };
}
