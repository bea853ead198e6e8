// Errors a connection raises. Everything else a command does is an ExecResult.

export type ConnectionFailureKind = 'unreachable' | 'auth' | 'host-key-unknown' | 'host-key-changed' | 'timeout';

/** The host could not be used at all: the runner marks it UNREACHABLE. */
export class ConnectionFailure extends Error {
  override readonly name = 'ConnectionFailure';
  readonly kind: ConnectionFailureKind;
  readonly host: string;
  /** SHA256 fingerprint of the key the server presented, for host-key failures. */
  readonly fingerprint?: string;

  constructor(kind: ConnectionFailureKind, host: string, message: string, extra: { fingerprint?: string; cause?: unknown } = {}) {
    super(`${host}: ${message}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    this.host = host;
    if (extra.fingerprint !== undefined) this.fingerprint = extra.fingerprint;
  }
}

export type RemoteFileErrorKind = 'failed' | 'too-large';

/** put/get reached the host but the file operation failed (permissions, no such directory, too large). */
export class RemoteFileError extends Error {
  override readonly name = 'RemoteFileError';
  readonly kind: RemoteFileErrorKind;
  readonly host: string;
  readonly path: string;
  readonly rc: number;
  readonly stderr: string;

  constructor(kind: RemoteFileErrorKind, host: string, path: string, detail: { rc: number; stderr: string; message: string }) {
    super(`${host}: ${path}: ${detail.message}`);
    this.kind = kind;
    this.host = host;
    this.path = path;
    this.rc = detail.rc;
    this.stderr = detail.stderr;
  }
}
