// Ansible-shaped console output: PLAY [..], TASK [role : name], one line per host, PLAY RECAP.
// On a terminal it adds colours and a live line naming the hosts the current task waits for.
import type { HostResult, HostStats, Reporter, RunEvent, TaskInfo } from './events.js';
import { renderDiff } from './diff-text.js';

export interface ConsoleOptions {
  readonly write: (text: string) => void;
  readonly color: boolean;
  readonly live: boolean;
  readonly verbosity: number;
  readonly diff: boolean;
}

const COLORS = { ok: 32, changed: 33, skipped: 36, failed: 31, unreachable: 31, rescued: 35, ignored: 34, dim: 90 } as const;

export class ConsoleReporter implements Reporter {
  private waiting = new Set<string>();
  private liveShown = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: ConsoleOptions) {}

  on(e: RunEvent): void {
    switch (e.type) {
      case 'play_start':
        this.print(`\n${banner(`PLAY [${e.name}]`)}`);
        break;
      case 'task_start':
        this.print(`\n${banner(`${e.task.handler ? 'RUNNING HANDLER' : 'TASK'} [${taskTitle(e.task)}]`)}`);
        if (this.o.verbosity >= 2) this.print(this.paint('dim', `task path: ${e.task.file}:${e.task.line}`));
        this.startLive(e.hosts);
        break;
      case 'host_result':
        this.waiting.delete(e.result.host);
        this.print(this.resultLines(e.result, e.task));
        if (this.waiting.size === 0) this.stopLive();
        break;
      case 'host_rescued':
        break;
      case 'no_hosts':
        this.print(`skipping: no hosts matched (${e.reason})`);
        break;
      case 'command':
        if (this.o.verbosity >= 3) this.print(this.paint('dim', `<${e.host}> EXEC ${e.argv.join(' ')}`));
        break;
      case 'warning':
        this.print(this.paint('failed', `[WARNING]: ${e.message}`));
        break;
      case 'interrupted':
        this.print(this.paint('failed', e.second ? '\n[ERROR]: interrupted again: aborting now' : `\n[WARNING]: interrupted: no new tasks start; waiting up to ${Math.round(e.graceMs / 1000)} s for running ones (Ctrl-C again to abort)`));
        break;
      case 'halted':
        this.print(`\n${banner('NO MORE HOSTS LEFT')}`);
        this.print(this.paint('failed', `[ERROR]: ${e.reason}`));
        break;
      case 'run_end':
        this.stopLive();
        this.print(`\n${banner('PLAY RECAP')}`);
        for (const [host, s] of Object.entries(e.stats)) this.print(this.recapLine(host, s));
        this.print('');
        break;
      default:
        break;
    }
  }

  close(): Promise<void> {
    this.stopLive();
    return Promise.resolve();
  }

  private resultLines(r: HostResult, task: TaskInfo): string {
    const lines: string[] = [];
    const target = r.delegatedTo ? `${r.host} -> ${r.delegatedTo}` : r.host;
    if (r.items && r.items.length > 0) {
      for (const it of r.items) {
        const word = statusWord(it.status);
        lines.push(this.paint(it.status, `${word}: [${target}] => (item=${it.label})${it.msg && it.status === 'failed' ? ` => ${JSON.stringify({ msg: it.msg })}` : ''}`));
        if (this.o.diff && it.diff) lines.push(...it.diff.map(renderDiff));
      }
      if (r.status === 'failed') lines.push(this.paint('failed', `fatal: [${target}]: FAILED! => ${JSON.stringify({ msg: r.msg ?? 'One or more items failed' })}`));
    } else if (r.status === 'failed' || r.status === 'unreachable') {
      const kind = r.status === 'failed' ? 'FAILED!' : 'UNREACHABLE!';
      const body = this.o.verbosity >= 1 ? { ...r.data, msg: r.msg } : pick(r);
      lines.push(this.paint(r.status, `fatal: [${target}]: ${kind} => ${JSON.stringify(body)}`));
    } else {
      const word = r.unpredictable ? 'skipping' : statusWord(r.status);
      let line = `${word}: [${target}]`;
      if (r.unpredictable) line += ' => (check mode: this module cannot predict its change)';
      else if (task.module === 'debug' && r.status === 'ok') line += ` => ${JSON.stringify(debugBody(r.data), null, 4)}`;
      else if (this.o.verbosity >= 1 && Object.keys(r.data).length > 0) line += ` => ${JSON.stringify({ changed: r.changed, ...r.data })}`;
      lines.push(this.paint(r.status, line));
    }
    if (r.ignored) lines.push(this.paint('ignored', '...ignoring'));
    if (this.o.diff && r.diff && !r.items) lines.push(...r.diff.map(renderDiff));
    return lines.join('\n');
  }

  private recapLine(host: string, s: HostStats): string {
    const h = this.paint(s.failed || s.unreachable ? 'failed' : s.changed ? 'changed' : 'ok', host.padEnd(26));
    // Ansible's layout: `key=value` with the value left-justified in four columns.
    const f = (k: keyof HostStats, c: keyof typeof COLORS): string => {
      const t = `${k}=${String(s[k]).padEnd(4)}`;
      return s[k] > 0 ? this.paint(c, t) : t;
    };
    return `${h} : ${[f('ok', 'ok'), f('changed', 'changed'), f('unreachable', 'unreachable'), f('failed', 'failed'), f('skipped', 'skipped'), f('rescued', 'rescued'), f('ignored', 'ignored')].join(' ').trimEnd()}`;
  }

  private paint(kind: keyof typeof COLORS | HostResult['status'], text: string): string {
    return this.o.color ? `\x1b[${COLORS[kind]}m${text}\x1b[0m` : text;
  }

  private print(text: string): void {
    if (this.liveShown) {
      this.o.write('\r\x1b[2K');
      this.liveShown = false;
    }
    this.o.write(`${text}\n`);
  }

  private startLive(hosts: readonly string[]): void {
    this.waiting = new Set(hosts);
    if (!this.o.live) return;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.drawLive(), 500);
    this.timer.unref();
  }

  private drawLive(): void {
    if (this.waiting.size === 0) return;
    const names = [...this.waiting];
    const shown = names.slice(0, 6).join(', ') + (names.length > 6 ? ` +${names.length - 6}` : '');
    this.o.write(`\r\x1b[2K${this.paint('dim', `waiting for ${names.length}: ${shown}`)}`);
    this.liveShown = true;
  }

  private stopLive(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.liveShown) {
      this.o.write('\r\x1b[2K');
      this.liveShown = false;
    }
  }
}

function banner(title: string): string {
  return `${title} ${'*'.repeat(Math.max(3, 79 - title.length))}`;
}

function taskTitle(t: TaskInfo): string {
  return t.role ? `${t.role} : ${t.name}` : t.name;
}

function statusWord(s: HostResult['status']): string {
  return s === 'skipped' ? 'skipping' : s;
}

/** debug shows its message or variable, not the bookkeeping fields. */
function debugBody(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!['changed', 'failed', 'skipped'].includes(k)) out[k] = v;
  return out;
}

function pick(r: HostResult): Record<string, unknown> {
  const out: Record<string, unknown> = { changed: r.changed };
  for (const k of ['rc', 'stdout', 'stderr', 'cmd']) if (r.data[k] !== undefined && r.data[k] !== '') out[k] = r.data[k];
  out['msg'] = r.msg ?? r.data['msg'] ?? 'failed';
  return out;
}
