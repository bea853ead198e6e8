// Runs a playbook in-process against several inventory hosts that all use the local connection,
// in a temporary directory of its own. The run streams its events as JSON lines (`--report -`),
// so tests see every result in order, with its registered data; the console goes to stderr.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../../engine/cli/main.js';
import type { HostResult, HostStats, RunEvent } from '../../../engine/report/events.js';
import { captureIo } from '../../support/capture-io.js';

export interface LocalRunOptions {
  /** Inventory hosts (default a, b, c), all with ansible_connection=local. */
  readonly hosts?: readonly string[];
  /** An inventory file's text instead of `hosts` (no connection is forced then). */
  readonly inventory?: string;
  /** More files next to the playbook (roles/x/tasks/main.yml, …). */
  readonly files?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
}

export interface ResultRow {
  readonly task: string;
  readonly handler: boolean;
  readonly host: string;
  readonly status: HostResult['status'];
  readonly result: HostResult;
}

export interface LocalRun {
  readonly code: number;
  readonly dir: string;
  /** Console output (stderr under `--report -`). */
  readonly console: string;
  readonly events: readonly RunEvent[];
  readonly results: readonly ResultRow[];
  readonly stats: Readonly<Record<string, HostStats>>;
}

export async function runLocal(playbook: string, opts: LocalRunOptions = {}): Promise<LocalRun> {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-sched-'));
  const pb = join(dir, 'playbook.yml');
  writeFileSync(pb, playbook);
  for (const [rel, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  let inv: string[];
  if (opts.inventory !== undefined) {
    writeFileSync(join(dir, 'inventory.yml'), opts.inventory);
    inv = ['-i', join(dir, 'inventory.yml')];
  } else {
    inv = ['-i', `${(opts.hosts ?? ['a', 'b', 'c']).join(',')},`, '-e', 'ansible_connection=local'];
  }
  const io = captureIo(dir);
  const code = await main(['run', pb, ...inv, '--report', '-', ...(opts.args ?? [])], io);
  // A later `--report FILE` in opts.args replaces the stream; then stdout is the console.
  const streamed = !(opts.args ?? []).includes('--report');
  const events = streamed ? io.stdout.map((l) => JSON.parse(l) as RunEvent) : [];
  const results: ResultRow[] = [];
  let stats: Record<string, HostStats> = {};
  for (const e of events) {
    if (e.type === 'host_result') results.push({ task: e.task.name, handler: e.task.handler, host: e.result.host, status: e.result.status, result: e.result });
    if (e.type === 'run_end') stats = { ...e.stats };
  }
  return { code, dir, console: (streamed ? io.stderr : [...io.stdout, ...io.stderr]).join('\n'), events, results, stats };
}

/** `task:host:status` for every result, in the order the run reported them. */
export function trace(r: LocalRun): string[] {
  return r.results.map((x) => `${x.task}:${x.host}:${x.status}`);
}

/** The recap as compact strings, e.g. { a: 'ok=2 changed=1 failed=0 …' } restricted to `keys`. */
export function recap(r: LocalRun, keys: readonly (keyof HostStats)[] = ['ok', 'changed', 'failed', 'skipped', 'unreachable', 'rescued', 'ignored']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [h, s] of Object.entries(r.stats)) out[h] = keys.map((k) => `${k}=${s[k]}`).join(' ');
  return out;
}

/** The registered data a host's result of `task` carried (censored as the report shows it). */
export function dataOf(r: LocalRun, task: string, host: string): Readonly<Record<string, unknown>> | undefined {
  return r.results.find((x) => x.task === task && x.host === host)?.result.data;
}
