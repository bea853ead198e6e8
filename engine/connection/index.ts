// The connection layer: the only code that talks to hosts.
export type { BecomeOptions, Connection, ExecOptions, ExecResult, GetOptions, PutOptions, SshTarget } from './types.js';
export { ConnectionFailure, RemoteFileError, type ConnectionFailureKind, type RemoteFileErrorKind } from './connection-failure.js';
export { openSsh, SSH_DEFAULTS } from './ssh-connection.js';
export { openLocal } from './local-connection.js';
export { buildBecomeArgv, type BecomeArgv } from './become.js';
export { DEFAULT_MAX_OUTPUT_BYTES } from './output-sink.js';
export { TIMEOUT_RC } from './exit-status.js';
export { defaultKnownHostsFiles } from './default-known-hosts.js';
