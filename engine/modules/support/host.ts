// The only way modules reach a host: argv lists, with the task's become and environment applied.
// Values never enter a script's text; sh scripts read them as positional parameters.
import type { ExecOptions, ExecResult, ModuleContext } from '../types.js';

export type RunOptions = Omit<ExecOptions, 'become'>;

/** Runs argv on the host as the task's become user, with the task's environment under opts.env. */
export function run(ctx: ModuleContext, argv: readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
  const env = ctx.env !== undefined || opts.env !== undefined ? { ...ctx.env, ...opts.env } : undefined;
  return ctx.conn.exec(argv, {
    ...opts,
    ...(env === undefined ? {} : { env }),
    ...(ctx.become === undefined ? {} : { become: ctx.become }),
  });
}

/** Runs a fixed sh script; `args` become $1, $2, … so no value is ever parsed as shell text. */
export function runScript(
  ctx: ModuleContext,
  script: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<ExecResult> {
  return run(ctx, ['/bin/sh', '-c', script, 'sh', ...args], opts);
}

/** The first line of stderr (or stdout) of a failed command, for a one-line message. */
export function firstError(res: ExecResult): string {
  const text = (res.stderr.trim() || res.stdout.trim()).split('\n')[0] ?? '';
  return text === '' ? `exit status ${res.rc}` : text;
}
