// deckhand's exit codes (docs/exit-codes.md). 3 is deliberately not Ansible's 4, which Ansible
// also uses for unreachable hosts; here every condition has its own code.
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
