// command: runs a program with an argument list, no shell. Free-form text is split as Ansible
// splits it (Python's shlex.split: quotes, backslashes) and nothing is expanded: no globs, no $VARS.
import { commandModule } from './support/command-module.js';
import type { CommandRun } from './support/run-command.js';
import { strList } from './support/schema.js';
import { parseFreeForm } from '../text/kv-args.js';
import { shlexSplit } from '../text/shlex.js';

export interface CommandArgs {
  readonly cmd?: string;
  readonly argv?: readonly string[];
  readonly creates?: string;
  readonly removes?: string;
  readonly chdir?: string;
  readonly stdin?: string;
  readonly stdin_add_newline?: boolean;
  readonly strip_empty_ends?: boolean;
}

const FREE_FORM_KEYS: ReadonlySet<string> = new Set(['creates', 'removes', 'chdir', 'stdin']);

/** Resolves cmd/argv and the free-form options into what to run. */
export function commandRun(args: CommandArgs): (CommandRun & { creates?: string; removes?: string }) | { error: string } {
  let argv: string[];
  const opts: Record<string, string> = {};
  if (args.argv !== undefined && args.argv.length > 0) {
    if (args.cmd !== undefined) return { error: 'give either cmd or argv, not both' };
    argv = [...args.argv];
  } else if (args.cmd !== undefined) {
    const ff = parseFreeForm(args.cmd, 'cmd', FREE_FORM_KEYS);
    if (!ff.ok) return { error: `${ff.message} in: ${args.cmd}` };
    const { cmd = '', ...params } = ff.args;
    for (const [k, v] of Object.entries(params)) opts[k] = String(v);
    const words = shlexSplit(String(cmd));
    if (!words.ok) return { error: `${words.message} in: ${String(cmd)}` };
    argv = words.tokens.map((w) => w.text);
  } else return { error: 'no command given: use cmd, argv or the free-form text' };
  if (argv.length === 0) return { error: 'no command given' };
  const pickOpt = (k: 'creates' | 'removes' | 'chdir' | 'stdin'): { [key: string]: string } => {
    const v = args[k] ?? opts[k];
    return v === undefined ? {} : { [k]: v };
  };
  return {
    argv,
    shown: argv,
    ...pickOpt('creates'),
    ...pickOpt('removes'),
    ...pickOpt('chdir'),
    ...pickOpt('stdin'),
    stdinAddNewline: args.stdin_add_newline !== false,
    stripEmptyEnds: args.strip_empty_ends !== false,
  };
}

export const command = commandModule<CommandArgs>('command', { argv: strList }, commandRun);
