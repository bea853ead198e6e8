// The data the template layer works on, and what it hands back.
import type { DiagnosticCode } from '../errors/codes.js';

/**
 * A variable as the engine hands it over.
 * `templated: true`: it came from a trusted source (role defaults/vars, inventory, play vars,
 * vars_files, extra vars, task vars) and its strings may hold templates, rendered lazily when the
 * variable is read (a: "{{ b }}", b: 1 → a is 1).
 * `templated: false`: data from a remote host, a registered result, set_fact or facts. It is never
 * rendered again: re-templating remote data is how CVE-2016-9587 happened.
 */
export interface VarEntry {
  readonly value: unknown;
  readonly templated: boolean;
}

export type VarSource = ReadonlyMap<string, VarEntry>;

/**
 * The value the engine may give the `hostvars` variable: host name → that host's variables.
 * Each host's templated variables are then rendered in that host's own scope, lazily.
 * A plain object is accepted too and is read as ordinary data.
 */
export type HostVars = ReadonlyMap<string, VarSource>;

export type TemplateErrorCode = Extract<DiagnosticCode, 'UNDEFINED_VAR' | `TEMPLATE_${string}`>;

export interface TemplateError {
  readonly code: TemplateErrorCode;
  readonly message: string;
  /** The variable at fault, as a path (`kubeadm_token`, `a.b.c`). */
  readonly variable?: string;
  /** "did you mean …?" */
  readonly hint?: string;
  /** 1-based line/column inside the template text, when known. */
  readonly line?: number;
  readonly col?: number;
}

export type RenderResult<T> = { ok: true; value: T } | { ok: false; error: TemplateError };
