// What the run redacts besides known secrets: every `deckhand_redact_patterns` (a list of regular
// expressions) set anywhere in the inventory (inventory files, group_vars/ and host_vars/, also
// those beside the playbook) and in the defaults and vars of every role the playbook loads. The
// lists add up: declaring patterns in the inventory never drops a role's.
import type { Diagnostic } from '../errors/diagnostic.js';
import type { Inventory, VarLayer } from '../inventory/index.js';
import type { Playbook, RoleScope } from '../model/types.js';
import { flattenTasks } from '../plan/plan.js';
import { diagnosticAtText } from '../source/locate-text.js';
import { redactPatternError } from '../text/redact.js';

export const REDACT_PATTERNS_VAR = 'deckhand_redact_patterns';

export interface RedactPatterns {
  readonly patterns: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Declared {
  /** The file the value was read from. */
  readonly file: string;
  readonly value: unknown;
}

export function redactPatterns(playbook: Playbook, inventory: Inventory, cwd: string): RedactPatterns {
  const patterns = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const { file, value } of [...inventoryDeclared(inventory), ...roleDeclared(playbook)]) {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((p): p is string => typeof p === 'string')) {
      diagnostics.push(diagnosticAtText(file, cwd, [REDACT_PATTERNS_VAR], 'REDACT_PATTERN', `${REDACT_PATTERNS_VAR} must be a list of regular expressions (strings)`));
      continue;
    }
    for (const p of list) {
      const error = redactPatternError(p);
      if (error === undefined) patterns.add(p);
      else diagnostics.push(diagnosticAtText(file, cwd, [p, JSON.stringify(p).slice(1, -1), REDACT_PATTERNS_VAR], 'REDACT_PATTERN', `redaction pattern '${p}' cannot be used: ${error}`));
    }
  }
  return { patterns: [...patterns], diagnostics };
}

function inventoryDeclared(inv: Inventory): Declared[] {
  const s = inv.varSources;
  const maps = [s.groupInline, s.hostInline, s.groupFiles, s.hostFiles, s.playbookGroupFiles, s.playbookHostFiles];
  const layers: VarLayer[] = maps.flatMap((m) => [...m.values()].flat());
  return layers.filter((l) => REDACT_PATTERNS_VAR in l.vars).map((l) => ({ file: layerFile(l), value: l.vars[REDACT_PATTERNS_VAR] }));
}

/** A layer's source is a file's name, or `FILE: group 'g'` for variables inside an inventory file. */
function layerFile(layer: VarLayer): string {
  const m = /^(.*): (?:host|group) '[^']*'$/.exec(layer.source);
  return m?.[1] ?? layer.source;
}

/**
 * Roles whose tasks carry their scope, plus each play's merged role defaults: a role with no tasks
 * of its own (cluster-defaults, which others depend on) is seen only there.
 */
function roleDeclared(playbook: Playbook): Declared[] {
  const roles = new Map<string, RoleScope>();
  const nodes = playbook.plays.flatMap((p) => [...p.pre_tasks, ...p.roles, ...p.tasks, ...p.post_tasks, ...p.handlers]);
  for (const task of flattenTasks(nodes)) if (task.role) roles.set(task.role.path, task.role);
  const out: Declared[] = [];
  for (const role of roles.values()) {
    for (const [sub, vars] of [['defaults', role.defaults], ['vars', role.vars]] as const) {
      if (REDACT_PATTERNS_VAR in vars) out.push({ file: `${role.path}/${sub}/main.yml`, value: vars[REDACT_PATTERNS_VAR] });
    }
  }
  for (const play of playbook.plays) {
    if (REDACT_PATTERNS_VAR in play.role_defaults) out.push({ file: play.origin.file, value: play.role_defaults[REDACT_PATTERNS_VAR] });
  }
  return out;
}
