// become via sudo, as Ansible's sudo plugin does it, without a tty:
//   no password:   sudo -H -n -u USER -- argv             (fails at once if one is needed)
//   with password: sudo -H -S -p PROMPT -u USER -- sh -c 'echo MARKER >&2; exec "$@"' sh argv
// The password goes to sudo on stdin (stdinPrefix), never in argv. The
// connections write it only once PROMPT shows on stderr (so a NOPASSWD rule
// never passes it to the command as input), strip PROMPT from stderr, treat a
// second PROMPT as a wrong password, and send the command's own stdin only
// after MARKER, i.e. once sudo has let the command start, so sudo never reads
// that input as further password attempts (see become-filter.ts).
import { randomBytes } from 'node:crypto';
import type { BecomeOptions } from './types.js';

export interface BecomeArgv {
  argv: string[];
  /** Written to stdin before anything else: the password and a newline. */
  stdinPrefix?: string;
  /** The prompt sudo prints on stderr each time it asks. */
  prompt?: string;
  /** Printed on stderr as its own line once sudo has accepted the password. */
  successMarker?: string;
}

export function buildBecomeArgv(argv: readonly string[], become: BecomeOptions): BecomeArgv {
  const method = become.method ?? 'sudo';
  if (method !== 'sudo') throw new TypeError(`unsupported become method: ${String(method)}`);
  const user = become.user ?? 'root';
  if (user === '' || user.startsWith('-')) throw new TypeError(`invalid become user: ${JSON.stringify(user)}`);
  if (become.password === undefined) {
    return { argv: ['sudo', '-H', '-n', '-u', user, '--', ...argv] };
  }
  if (/[\r\n]/.test(become.password)) throw new TypeError('a become password cannot contain a line break');
  const key = randomBytes(12).toString('hex');
  const prompt = `[deckhand sudo key=${key}] password:`;
  const successMarker = `DECKHAND-BECOME-OK-${key}`;
  return {
    argv: ['sudo', '-H', '-S', '-p', prompt, '-u', user, '--', 'sh', '-c', `echo ${successMarker} >&2; exec "$@"`, 'sh', ...argv],
    stdinPrefix: `${become.password}\n`,
    prompt,
    successMarker,
  };
}
