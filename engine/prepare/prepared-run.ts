// What the prepare stage hands to the run: the loaded playbook, the inventory, extra vars and,
// per play, its plan and the hosts it targets. Plain data; nothing has touched a host yet.
import type { Diagnostic } from '../errors/diagnostic.js';
import type { Inventory } from '../inventory/index.js';
import type { Playbook } from '../model/types.js';
import type { PlayPlan } from '../plan/plan.js';
import type { TagSelection } from '../plan/tags.js';

export interface PreparedPlay {
  readonly plan: PlayPlan;
  /** The play's hosts after its pattern and --limit, in inventory order. */
  readonly hosts: readonly string[];
}

export interface PreparedRun {
  readonly playbook: Playbook;
  readonly inventory: Inventory;
  readonly extraVars: Readonly<Record<string, unknown>>;
  readonly plays: readonly PreparedPlay[];
  /** The selection the plays were planned with (ansible_run_tags, ansible_skip_tags). */
  readonly tags: TagSelection;
  /** Values known to be secret before the run starts (vault plaintexts, inventory passwords): redacted from all output. */
  readonly secrets: readonly string[];
  /** Regular expressions whose matches are redacted from all output (deckhand_redact_patterns; prepare/redact-patterns.ts). */
  readonly redactPatterns: readonly string[];
}

/** Warnings come with either outcome; the caller decides how to show them. */
export type Prepared =
  | { readonly ok: true; readonly run: PreparedRun; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };
