// The state of one run, shared by the play runner and the task executor.
import type { Inventory } from '../inventory/index.js';
import type { Playbook, Vars } from '../model/types.js';
import type { ModuleLookup } from '../modules/types.js';
import type { TagSelection } from '../plan/tags.js';
import type { EventBus } from '../report/events.js';
import type { Recap } from '../report/stats.js';
import type { Redactor } from '../text/redact.js';
import type { Cancel } from './cancel.js';
import type { ConnectionPool } from './connection-pool.js';
import type { Lineage } from './effective.js';
import type { RunSettings } from './run-settings.js';

export interface HostState {
  readonly name: string;
  readonly inventory: readonly { readonly source: string; readonly vars: Vars }[];
  /** Facts, registered results and set_fact values (never templated again). */
  readonly facts: Record<string, unknown>;
  failed: boolean;
  unreachable: boolean;
  /** Names of handlers notified and not yet run. */
  readonly notified: Set<string>;
  /** The host's last failed task and its result: ansible_failed_task/_result in a rescue. */
  failure?: { readonly task: { readonly name: string; readonly action: string }; readonly result: Readonly<Record<string, unknown>> };
}

export interface PlayContext {
  readonly hosts: readonly string[];
  batch: readonly string[];
}

export interface RunContext {
  readonly playbook: Playbook;
  readonly inventory: Inventory;
  readonly extraVars: Vars;
  readonly settings: RunSettings;
  /** The tag selection the plays were planned with (ansible_run_tags, ansible_skip_tags). */
  readonly tags: TagSelection;
  readonly hosts: Map<string, HostState>;
  readonly modules: ModuleLookup;
  readonly pool: ConnectionPool;
  readonly bus: EventBus;
  readonly recap: Recap;
  readonly redactor: Redactor;
  readonly cancel: Cancel;
  /** Runs at most --forks host jobs at once. */
  readonly limit: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** One task's run across hosts: what the per-host executor needs besides the host. */
export interface TaskRun {
  readonly run: RunContext;
  readonly play: PlayContext;
  readonly lineage: Lineage;
  /** run_once: the other hosts the result is registered on (facts of set_fact too). */
  readonly shareWith?: readonly HostState[];
}
