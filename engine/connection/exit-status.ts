// Maps how a process ended to an rc. A process killed by a signal gets the
// shell's convention 128 + n and keeps the signal name, so it can never be
// mistaken for success.
import { constants } from 'node:os';

export interface ExitStatus {
  readonly rc: number;
  readonly signal?: string;
}

/** rc for a command deckhand killed after its timeoutMs (as timeout(1) reports it). */
export const TIMEOUT_RC = 124;

export function exitStatus(code: number | null | undefined, signal: string | null | undefined): ExitStatus | undefined {
  if (typeof code === 'number') return { rc: code };
  if (typeof signal === 'string' && signal !== '') {
    const name = signal.startsWith('SIG') ? signal : `SIG${signal}`;
    const n = (constants.signals as Readonly<Record<string, number | undefined>>)[name];
    return { rc: n === undefined ? 255 : 128 + n, signal: name };
  }
  return undefined;
}
