// The playbook as plain, read-only data: what the loader produces and the planner and runner read.
// Keyword fields keep Ansible's names so the code reads like the playbooks it runs.
import type { DiagnosticCode } from '../errors/codes.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import type { SourcePos } from '../errors/source-text.js';
import type { DataPath } from '../load/yaml-file.js';

export type Condition = string | boolean;
export type Vars = Readonly<Record<string, unknown>>;

/** Where a node came from, able to locate anything inside it later (undefined variables, …). */
export interface Origin {
  readonly file: string;
  readonly pos: SourcePos;
  /** A diagnostic at a path relative to this node (e.g. ['copy', 'dest']). */
  at(path: DataPath, code: DiagnosticCode, message: string, hint?: string): Diagnostic;
}

export interface RoleScope {
  readonly name: string;
  readonly path: string;
  readonly defaults: Vars;
  readonly vars: Vars;
  /** Parameters given where the role was listed (`- role: x` with `foo: 1`): role-vars level. */
  readonly params: Vars;
}

/** Keywords every node may carry; inherited from play → role → block → task by the runner. */
export interface CommonKeywords {
  readonly when: readonly Condition[];
  readonly vars: Vars;
  readonly become?: boolean;
  readonly become_user?: string;
  readonly environment?: Readonly<Record<string, unknown>> | string;
  readonly ignore_errors?: Condition;
  readonly ignore_unreachable?: boolean;
  readonly no_log?: Condition;
  readonly check_mode?: Condition;
  readonly diff?: boolean;
  readonly any_errors_fatal?: boolean;
  readonly run_once?: boolean;
  readonly delegate_to?: string;
  /** `connection: local` on a play, block or task (ansible_connection in the inventory wins). */
  readonly connection?: string;
}

export interface TaskDef extends CommonKeywords {
  readonly kind: 'task';
  readonly name?: string;
  /** Canonical module name (FQCN and aliases resolved). */
  readonly module: string;
  /** As written, for display (`ansible.builtin.copy`). */
  readonly moduleAs: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** Effective tags: own plus inherited from play, role and blocks. */
  readonly tags: readonly string[];
  readonly register?: string;
  readonly loop?: unknown;
  readonly loop_control?: {
    readonly loop_var?: string;
    readonly index_var?: string;
    readonly label?: string;
    readonly pause?: number | string;
  };
  readonly changed_when?: readonly Condition[];
  readonly failed_when?: readonly Condition[];
  readonly until?: readonly Condition[];
  readonly retries?: number | string;
  readonly delay?: number | string;
  readonly notify: readonly string[];
  readonly listen: readonly string[];
  readonly role?: RoleScope;
  readonly origin: Origin;
}

export interface BlockDef extends CommonKeywords {
  readonly kind: 'block';
  readonly name?: string;
  readonly tags: readonly string[];
  readonly block: readonly TaskNode[];
  readonly rescue: readonly TaskNode[];
  readonly always: readonly TaskNode[];
  readonly role?: RoleScope;
  readonly origin: Origin;
}

export type TaskNode = TaskDef | BlockDef;

export interface PlayDef extends CommonKeywords {
  readonly name: string;
  readonly hosts: string;
  readonly tags: readonly string[];
  readonly vars_files: readonly { readonly path: string; readonly vars: Vars }[];
  readonly gather_facts: boolean;
  readonly serial?: readonly (number | string)[];
  readonly max_fail_percentage?: number;
  readonly force_handlers: boolean;
  readonly remote_user?: string;
  /** Roles expanded, in run order: pre_tasks, then roles (dependencies first), then tasks, post_tasks. */
  readonly pre_tasks: readonly TaskNode[];
  readonly roles: readonly TaskNode[];
  readonly tasks: readonly TaskNode[];
  readonly post_tasks: readonly TaskNode[];
  readonly handlers: readonly TaskDef[];
  /** Defaults of all the play's roles merged (lowest precedence, visible to every task). */
  readonly role_defaults: Vars;
  readonly origin: Origin;
  /** 1-based, for --list-* output. */
  readonly index: number;
}

export interface Playbook {
  readonly path: string;
  readonly dir: string;
  readonly plays: readonly PlayDef[];
}
