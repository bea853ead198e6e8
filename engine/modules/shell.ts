// shell: runs a script with /bin/sh (or `executable`). The script is passed to `sh -c` as one
// argument; it is the user's shell text, so pipes, globs and $VARS work as written.
import { commandModule } from './support/command-module.js';
import type { CommandRun } from './support/run-command.js';
import { str } from './support/schema.js';
import { parseFreeForm } from '../text/kv-args.js';

export interface ShellArgs {
  readonly cmd?: string;
  readonly executable?: string;
  readonly creates?: string;
  readonly removes?: string;
  readonly chdir?: string;
  readonly stdin?: string;
  readonly stdin_add_newline?: boolean;
  readonly strip_empty_ends?: boolean;
}

const FREE_FORM_KEYS: ReadonlySet<string> = new Set(['creates', 'removes', 'chdir', 'executable', 'stdin']);

export function shellRun(args: ShellArgs): (CommandRun & { creates?: string; removes?: string }) | { error: string } {
  if (args.cmd === undefined) return { error: 'no script given: use cmd or the free-form text' };
  const ff = parseFreeForm(args.cmd, 'cmd', FREE_FORM_KEYS);
  // A script that does not split into words is still a script: run it as written.
  const { cmd: rest = '', ...found } = ff.ok ? ff.args : { cmd: args.cmd };
  const script = String(rest);
  const opts: Record<string, string> = {};
  for (const [k, v] of Object.entries(found)) opts[k] = String(v);
  if (script.trim() === '') return { error: 'no script given' };
  const get = (k: 'creates' | 'removes' | 'chdir' | 'stdin' | 'executable'): string | undefined => args[k] ?? opts[k];
  const out: CommandRun & { creates?: string; removes?: string } = {
    argv: [get('executable') ?? '/bin/sh', '-c', script],
    shown: script,
    stdinAddNewline: args.stdin_add_newline !== false,
    stripEmptyEnds: args.strip_empty_ends !== false,
  };
  const creates = get('creates');
  const removes = get('removes');
  const chdir = get('chdir');
  const stdin = get('stdin');
  return {
    ...out,
    ...(creates === undefined ? {} : { creates }),
    ...(removes === undefined ? {} : { removes }),
    ...(chdir === undefined ? {} : { chdir }),
    ...(stdin === undefined ? {} : { stdin }),
  };
}

export const shell = commandModule<ShellArgs>('shell', { executable: str }, shellRun);
