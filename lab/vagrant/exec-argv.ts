// The one place the harness starts processes (through execa). Failures come
// back as values, like every other step outcome, never as exceptions.
import { execa } from 'execa';
import type { Argv } from './lab-commands.js';

export interface ExecOptions {
  /** Also stream the output to the terminal (long steps: vagrant up, deckhand run). */
  readonly live?: boolean;
  readonly timeoutMs?: number;
}

export interface ExecResult {
  readonly ok: boolean;
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it failed (spawn error, timeout, signal, exit code), empty when ok. */
  readonly reason: string;
}

export type Exec = (argv: Argv, opts?: ExecOptions) => Promise<ExecResult>;

export function createExec(cwd: string, env: NodeJS.ProcessEnv = {}): Exec {
  return async (argv, opts = {}) => {
    const [file, ...args] = argv;
    const result = await execa(file, args, {
      cwd,
      env,
      reject: false,
      stdin: 'ignore',
      stdout: opts.live ? ['pipe', 'inherit'] : 'pipe',
      stderr: opts.live ? ['pipe', 'inherit'] : 'pipe',
      ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
    });
    const ok = !result.failed;
    return {
      ok,
      exitCode: result.exitCode,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      reason: ok ? '' : (result.shortMessage ?? `exit code ${String(result.exitCode)}`).split('\n')[0] ?? '',
    };
  };
}

/** The last lines of a failed command's stderr (or stdout), for a failure message. */
export function tail(result: Pick<ExecResult, 'stdout' | 'stderr'>, lines = 15): string {
  const text = result.stderr.trim() !== '' ? result.stderr : result.stdout;
  return text.trimEnd().split(/\r?\n/).slice(-lines).join('\n');
}

/**
 * The machine Vagrant was working on last, from its `==> name:` output lines:
 * when `vagrant up` fails, that is the machine that failed.
 */
export function lastMachineMentioned(output: string, machines: readonly string[]): string | undefined {
  let last: string | undefined;
  for (const match of output.matchAll(/^(?:==>|\s{4})\s?([\w.-]+):/gm)) {
    const name = match[1];
    if (name !== undefined && machines.includes(name)) last = name;
  }
  return last;
}
