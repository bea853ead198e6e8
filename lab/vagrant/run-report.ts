// Reads the JSON report `deckhand run --report FILE` writes and decides whether
// a run converged (no failed or unreachable host) and whether a second run was
// idempotent (changed=0 on every host, as Molecule's idempotence step asks).
import { isRecord } from './is-record.js';

export const STAT_KEYS = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'] as const;
export type StatKey = (typeof STAT_KEYS)[number];
export type HostStats = Readonly<Record<StatKey, number>>;

export interface RunReport {
  readonly stats: Readonly<Record<string, HostStats>>;
  readonly results: readonly unknown[];
}

export type ParsedReport = { readonly ok: true; readonly report: RunReport } | { readonly ok: false; readonly error: string };


function toStats(host: string, value: unknown): HostStats | string {
  if (!isRecord(value)) return `stats.${host} is not an object`;
  const stats: Partial<Record<StatKey, number>> = {};
  for (const key of STAT_KEYS) {
    const n = value[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `stats.${host}.${key} is not a count`;
    stats[key] = n;
  }
  return stats as HostStats;
}

export function parseReport(text: string): ParsedReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `report is not JSON: ${(err as Error).message}` };
  }
  if (!isRecord(raw) || !isRecord(raw['stats'])) return { ok: false, error: 'report has no "stats" object' };
  const stats: Record<string, HostStats> = {};
  for (const [host, value] of Object.entries(raw['stats'])) {
    const parsed = toStats(host, value);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    stats[host] = parsed;
  }
  const results = Array.isArray(raw['results']) ? (raw['results'] as unknown[]) : [];
  return { ok: true, report: { stats, results } };
}

export interface ReportProblem {
  readonly node: string;
  readonly message: string;
}

export function recapLine(host: string, s: HostStats): string {
  return `${host} : ${STAT_KEYS.map((k) => `${k}=${s[k]}`).join(' ')}`;
}

/** Every expected host ran, none failed and none was unreachable. */
export function checkConverged(report: RunReport, hosts: readonly string[]): ReportProblem[] {
  const problems: ReportProblem[] = [];
  for (const host of hosts) {
    const s = report.stats[host];
    if (!s) problems.push({ node: host, message: 'not in the report (no task ran on it)' });
    else if (s.unreachable > 0) problems.push({ node: host, message: `unreachable: ${recapLine(host, s)}` });
    else if (s.failed > 0) problems.push({ node: host, message: `failed: ${recapLine(host, s)}` });
  }
  return problems;
}

function taskName(entry: Record<string, unknown>): string {
  const task = entry['task'];
  const name = typeof task === 'string' ? task
    : isRecord(task) && typeof task['name'] === 'string' ? task['name']
    : typeof entry['name'] === 'string' ? entry['name'] : '(unnamed task)';
  return typeof entry['role'] === 'string' ? `${entry['role']}: ${name}` : name;
}

/** Names of the tasks the report's results mark as changed on a host (best effort). */
export function changedTasks(report: RunReport, host: string): string[] {
  const names: string[] = [];
  for (const entry of report.results) {
    if (!isRecord(entry) || entry['host'] !== host) continue;
    if (entry['changed'] === true || entry['status'] === 'changed') names.push(taskName(entry));
  }
  return names;
}

/** Converged, and nothing changed anywhere. */
export function checkIdempotent(report: RunReport, hosts: readonly string[]): ReportProblem[] {
  const problems = checkConverged(report, hosts);
  for (const host of hosts) {
    const s = report.stats[host];
    if (!s || s.unreachable > 0 || s.failed > 0 || s.changed === 0) continue;
    const tasks = changedTasks(report, host);
    const which = tasks.length > 0 ? `: ${tasks.slice(0, 5).join('; ')}${tasks.length > 5 ? '; …' : ''}` : '';
    problems.push({ node: host, message: `changed=${s.changed} on the second run${which}` });
  }
  return problems;
}
