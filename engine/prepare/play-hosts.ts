// Host selection for each planned play: its `hosts:` pattern, then --limit. Problems are
// positioned at the play's `hosts:` key when the pattern itself carries no position.
import type { Diagnostic } from '../errors/diagnostic.js';
import { applyLimit, selectHosts, type Inventory } from '../inventory/index.js';
import type { PlayPlan } from '../plan/plan.js';
import type { PreparedPlay } from './prepared-run.js';

export interface PlayHostsResult {
  readonly plays: PreparedPlay[];
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
}

export function playHosts(inventory: Inventory, plans: readonly PlayPlan[], limit: string | undefined, cwd: string): PlayHostsResult {
  const plays: PreparedPlay[] = [];
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const plan of plans) {
    const selected = selectHosts(inventory, plan.play.hosts);
    warnings.push(...selected.warnings);
    if (!selected.ok) {
      diagnostics.push(...selected.diagnostics.map((d) => (d.pos ? d : { ...d, ...plan.play.origin.at(['hosts'], d.code, d.message, d.hint) })));
      continue;
    }
    const limited = applyLimit(inventory, selected.hosts, limit, { cwd });
    warnings.push(...limited.warnings);
    if (!limited.ok) {
      diagnostics.push(...limited.diagnostics);
      continue;
    }
    plays.push({ plan, hosts: limited.hosts });
  }
  return { plays, diagnostics, warnings };
}
