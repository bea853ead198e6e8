// Registered results of commands, shaped like Ansible's: rc, stdout, stderr and their _lines.
import type { ExecResult } from '../types.js';

/** Ansible strips trailing newlines from stdout/stderr (strip_empty_ends). */
export function stripEnd(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}

export function splitLines(text: string): string[] {
  const body = stripEnd(text);
  return body === '' ? [] : body.split(/\r?\n/);
}

export function outputData(res: ExecResult, strip = true): Record<string, unknown> {
  const stdout = strip ? stripEnd(res.stdout) : res.stdout;
  const stderr = strip ? stripEnd(res.stderr) : res.stderr;
  return {
    rc: res.rc,
    stdout,
    stderr,
    stdout_lines: splitLines(res.stdout),
    stderr_lines: splitLines(res.stderr),
  };
}
