// The module contract. A module is data (name, argument schema) plus two functions:
// `check` asks the host what is and decides what must change; `apply` makes that change.
// Check mode runs `check` only, which is what keeps every module idempotent and --check truthful.

import type { BecomeOptions, Connection as HostConnection } from '../connection/index.js';

export type { BecomeOptions, ExecOptions, ExecResult } from '../connection/index.js';
/** What a module may ask of its host: run argv (quoted by the connection), put and get files. */
export type Connection = Pick<HostConnection, 'host' | 'exec' | 'put' | 'get'>;

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface FileDiff {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

/** What a module reports; the extra fields become the registered result (Ansible's shape). */
export interface ModuleResult {
  readonly changed: boolean;
  readonly failed?: boolean;
  readonly skipped?: boolean;
  readonly msg?: string;
  readonly diff?: readonly FileDiff[];
  /** Registered data: rc, stdout, stderr, stat, content, … */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The outcome of `check`: what would change. `unknown` means the module cannot predict. */
export interface CheckOutcome<P = unknown> {
  readonly changed: boolean | 'unknown';
  readonly diff?: readonly FileDiff[];
  readonly msg?: string;
  /** Whatever check learned that apply needs (avoids asking the host twice). */
  readonly plan?: P;
  /** A result to return as-is without apply (e.g. stat, debug, a failed precondition). */
  readonly final?: ModuleResult;
}

export interface ModuleContext {
  readonly host: string;
  readonly conn: Connection;
  readonly check: boolean;
  readonly diff: boolean;
  readonly become?: BecomeOptions;
  readonly env?: Readonly<Record<string, string>>;
  /** The host's variables as plain data (facts, inventory vars), read-only. */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Finds a local file for `src:` in the role's files/ (or templates/), then beside the playbook. */
  resolveLocal(kind: 'files' | 'templates', relative: string): string | undefined;
  /** Renders a local template file with the task's variables (handlebars). */
  renderTemplate(localPath: string): Promise<{ ok: true; text: string } | { ok: false; msg: string }>;
  /** Sleeps that honour cancellation (pause, retries, wait_for). */
  sleep(ms: number): Promise<void>;
  /** Evaluates a condition expression with the task's variables (assert, debug var=). */
  evaluate?(expr: string): { ok: true; value: unknown } | { ok: false; msg: string };
}

export interface ModuleDefinition<A = Record<string, unknown>, P = unknown> {
  readonly name: string;
  /** Other names, e.g. `service` for `systemd`. FQCN `ansible.builtin.X` is handled by the registry. */
  readonly aliases?: readonly string[];
  /** JSON Schema for the arguments (ajv strict). */
  readonly schema: JsonSchema;
  /** The argument a free-form string goes to: `command: ls -l` → {cmd: 'ls -l'}. */
  readonly freeForm?: string;
  /** Modules that run on the controller only (debug, set_fact, assert, fail, pause, meta). */
  readonly local?: boolean;
  check(args: A, ctx: ModuleContext): Promise<CheckOutcome<P>>;
  apply(args: A, ctx: ModuleContext, outcome: CheckOutcome<P>): Promise<ModuleResult>;
}

/** Type-erased definition as stored in the registry. */
export type AnyModule = ModuleDefinition<Record<string, unknown>, unknown>;

/** The modules a playbook may name; the loader checks tasks against it, the run calls them. */
export interface ModuleLookup {
  get(name: string): AnyModule | undefined;
  names(): readonly string[];
}

/**
 * Registers a typed module. The one cast in the module system lives here: the engine validates
 * arguments against `schema` (ajv) before `check` runs, so `A` holds by construction.
 */
export function defineModule<A, P = unknown>(def: ModuleDefinition<A, P>): AnyModule {
  return def as unknown as AnyModule;
}
