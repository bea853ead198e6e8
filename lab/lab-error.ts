// One error type for everything the lab refuses or fails to do. The code
// decides the CLI's exit status; the message is written for the person at
// the terminal and says what to do next.

export type LabErrorCode =
  | 'NOT_ROOT' // the lab creates namespaces and mounts: root only
  | 'MISSING_TOOLS' // a required program is not installed
  | 'USAGE' // bad name, host count, subnet or flag
  | 'EXISTS' // a lab with that name is already up
  | 'NOT_FOUND' // no such lab
  | 'SUBNET' // no free subnet, or the asked one is in use
  | 'COMMAND' // a system command failed
  | 'BOOT' // a host or the repository server did not come up
  | 'TEARDOWN'; // something the lab created could not be removed

export class LabError extends Error {
  override readonly name = 'LabError';
  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Exit status for the CLI, following deckhand's codes: 5 when the command
 * cannot run as asked (bad options, not root, tools missing), 1 otherwise.
 */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof LabError)) return 1;
  switch (error.code) {
    case 'NOT_ROOT':
    case 'MISSING_TOOLS':
    case 'USAGE':
      return 5;
    default:
      return 1;
  }
}
