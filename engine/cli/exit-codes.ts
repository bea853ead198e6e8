// deckhand's exit codes (docs/exit-codes.md). 3 is deliberately not Ansible's 4, which Ansible
// also uses for unreachable hosts; here every condition has its own code.
import type { RunOutcome } from '../run/run-outcome.js';

export const EXIT = {
  ok: 0,
  error: 1,
  hostFailed: 2,
  invalidInput: 3,
  unreachable: 4,
  badOptions: 5,
  interrupted: 99,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An interrupt wins over everything; an unreachable host wins over a failed one. */
export function runExitCode(outcome: RunOutcome): ExitCode {
  if (outcome.interrupted) return EXIT.interrupted;
  if (outcome.unreachable.length > 0) return EXIT.unreachable;
  if (outcome.failed.length > 0) return EXIT.hostFailed;
  return EXIT.ok;
}
