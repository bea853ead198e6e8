// Runs a system command with a time limit. Uses node:child_process rather
// than execa so `deckhand lab` works from a production install, where dev
// dependencies are absent.
import { spawn } from 'node:child_process';
import { LabError } from './lab-error.js';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
  /** When false, a non-zero exit is returned instead of thrown. */
  readonly check?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// Output beyond this is dropped: lab commands print little, and a runaway
// command must not grow memory without bound.
const MAX_OUTPUT = 1 << 20;

export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new LabError('COMMAND', `${describe(file, args)} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error: Error | undefined, result?: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (result) resolve(result);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on('error', (error) => finish(new LabError('COMMAND', `${describe(file, args)}: ${error.message}`)));
    child.on('close', (code, signal) => {
      const rc = code ?? 128;
      const result = { code: rc, stdout, stderr };
      if (rc !== 0 && options.check !== false) {
        const why = signal ? `killed by ${signal}` : `exit ${rc}`;
        finish(new LabError('COMMAND', `${describe(file, args)} failed (${why}): ${stderr.trim() || stdout.trim()}`));
      } else {
        finish(undefined, result);
      }
    });
    // A command that exits before reading its stdin must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

function describe(file: string, args: readonly string[]): string {
  const shown = [file, ...args].join(' ');
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}
