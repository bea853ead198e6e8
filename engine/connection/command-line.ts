// Builds the single shell line a connection runs: [cd DIR &&] exec [timeout …] [sudo …]
// [sh -c ENV_SCRIPT sh] argv. Every word goes through shellJoin; nothing here
// concatenates raw values. Environment values are not on the line at all: they
// go in stdinHeader (see env-stdin.ts).
import { buildBecomeArgv } from './become.js';
import { ENV_SCRIPT, envHeader } from './env-stdin.js';
import { shellJoin, shellQuote } from '../text/shell-quote.js';
import type { BecomeOptions } from './types.js';

export interface CommandSpec {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly become?: BecomeOptions;
  /** Wrap in timeout(1) so the host itself ends the command (see ssh-channel-run.ts). */
  readonly remoteTimeoutMs?: number;
}

/** Seconds timeout(1) waits after TERM before sending KILL. */
export const REMOTE_KILL_AFTER_S = 2;

/** What the process driver needs to run a command with a sudo password. */
export interface BecomeHandshake {
  readonly prompt: string;
  readonly successMarker: string;
  readonly password: string;
}

export interface PreparedCommand {
  readonly line: string;
  /** Present when sudo will ask for a password; the process driver answers it. */
  readonly handshake?: BecomeHandshake;
  /** Written to the command's stdin before its own input: the environment (env-stdin.ts). */
  readonly stdinHeader?: Uint8Array;
}

export function prepareCommand(argv: readonly string[], spec: CommandSpec = {}): PreparedCommand {
  if (argv.length === 0) throw new TypeError('exec needs at least one argv word');
  let words = [...argv];
  const env = Object.entries(spec.env ?? {});
  let stdinHeader: Buffer | undefined;
  if (env.length > 0) {
    stdinHeader = envHeader(env);
    // Inside sudo, so the variables survive sudo's env_reset.
    words = ['sh', '-c', ENV_SCRIPT, 'sh', ...words];
  }
  let handshake: BecomeHandshake | undefined;
  if (spec.become !== undefined) {
    const b = buildBecomeArgv(words, spec.become);
    words = b.argv;
    if (b.prompt !== undefined && b.successMarker !== undefined && spec.become.password !== undefined) {
      handshake = { prompt: b.prompt, successMarker: b.successMarker, password: spec.become.password };
    }
  }
  if (spec.remoteTimeoutMs !== undefined) {
    // Outermost, so it also ends sudo. GNU coreutils' form, also accepted by busybox builds that have -k.
    const seconds = (Math.max(1, spec.remoteTimeoutMs) / 1000).toFixed(3);
    words = ['timeout', '-k', String(REMOTE_KILL_AFTER_S), seconds, ...words];
  }
  // `exec`: the shell hands its process to the command, so its exit status or
  // signal is the command's own (and no idle shell stays around).
  // cd before sudo: sudo keeps the working directory (only -H changes HOME).
  const run = `exec ${shellJoin(words)}`;
  const line = spec.cwd === undefined ? run : `cd -- ${shellQuote(spec.cwd)} && ${run}`;
  return {
    line,
    ...(handshake === undefined ? {} : { handshake }),
    ...(stdinHeader === undefined ? {} : { stdinHeader }),
  };
}
