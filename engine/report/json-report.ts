// --report FILE: every result per host and the recap as one JSON document.
// --report -: the events themselves as JSON lines on stdout, for programs to read.
import { writeFile } from 'node:fs/promises';
import type { Reporter, RunEvent } from './events.js';

interface ReportRow {
  play: string;
  task: string;
  role?: string;
  module: string;
  handler: boolean;
  host: string;
  delegated_to?: string;
  status: string;
  changed: boolean;
  ignored: boolean;
  duration_ms: number;
  msg?: string;
}

export class JsonFileReporter implements Reporter {
  private play = '';
  private readonly rows: ReportRow[] = [];
  private end: Extract<RunEvent, { type: 'run_end' }> | undefined;
  private start: Extract<RunEvent, { type: 'run_start' }> | undefined;

  constructor(private readonly path: string) {}

  on(e: RunEvent): void {
    if (e.type === 'run_start') this.start = e;
    if (e.type === 'play_start') this.play = e.name;
    if (e.type === 'run_end') this.end = e;
    if (e.type !== 'host_result') return;
    const r = e.result;
    this.rows.push({
      play: this.play,
      task: e.task.name,
      ...(e.task.role ? { role: e.task.role } : {}),
      module: e.task.module,
      handler: e.task.handler,
      host: r.host,
      ...(r.delegatedTo !== undefined ? { delegated_to: r.delegatedTo } : {}),
      status: r.status,
      changed: r.changed,
      ignored: r.ignored === true,
      duration_ms: Math.round(r.durationMs),
      ...(r.msg !== undefined ? { msg: r.msg } : {}),
    });
  }

  async close(): Promise<void> {
    const doc = {
      playbook: this.start?.playbook,
      check: this.start?.check ?? false,
      results: this.rows,
      stats: this.end?.stats ?? {},
      exit_code: this.end?.exitCode,
      duration_ms: this.end ? Math.round(this.end.durationMs) : undefined,
    };
    try {
      await writeFile(this.path, `${JSON.stringify(doc, null, 2)}\n`);
    } catch (e) {
      throw new Error(`cannot write the report ${this.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

export class JsonLinesReporter implements Reporter {
  constructor(private readonly write: (line: string) => void) {}
  on(e: RunEvent): void {
    this.write(`${JSON.stringify(e)}\n`);
  }
}
