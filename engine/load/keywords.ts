// Normalises the keywords shared by plays, blocks and tasks (tags, when, vars, become, …).
import type { CommonKeywords, Condition } from '../model/types.js';

export function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Ansible accepts `tags: a`, `tags: a,b`, `tags: [a, b]` and numbers. */
export function tagList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.flatMap((t) =>
    String(t)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

export function conditionList(v: unknown): Condition[] {
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  return items.filter((c): c is Condition => typeof c === 'string' || typeof c === 'boolean');
}

export function stringList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** Copies the validated common keywords, leaving out the ones not given (exactOptionalPropertyTypes). */
export function commonKeywords(raw: Record<string, unknown>): CommonKeywords {
  const kw: Record<string, unknown> = { when: conditionList(raw['when']), vars: asRecord(raw['vars']) };
  for (const k of [
    'become',
    'become_user',
    'environment',
    'ignore_errors',
    'ignore_unreachable',
    'no_log',
    'check_mode',
    'diff',
    'any_errors_fatal',
    'run_once',
    'delegate_to',
    'connection',
  ]) {
    if (raw[k] !== undefined) kw[k] = raw[k];
  }
  return kw as unknown as CommonKeywords;
}

export function unionTags(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
