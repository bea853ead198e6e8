// A CliIo that records what the CLI writes, for tests that call main() in-process.
import type { CliIo } from '../../engine/cli/io.js';

export interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  text(): { out: string; err: string };
}

export function captureIo(cwd: string, env: Record<string, string> = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    isTty: false,
    env,
    cwd,
    text: () => ({ out: stdout.join('\n'), err: stderr.join('\n') }),
  };
}
