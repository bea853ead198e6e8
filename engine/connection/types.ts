// The connection contract: the only seam between the engine and a host.

/** Run a command as another user. Only sudo is implemented. */
export interface BecomeOptions {
  /** Target user; default root. */
  readonly user?: string;
  /** sudo password. Sent on stdin (sudo -S), never in argv. */
  readonly password?: string;
  readonly method?: 'sudo';
}

export interface ExecOptions {
  /** Written to the command's stdin, which is then closed. Without it stdin is closed at once. */
  readonly stdin?: string | Uint8Array;
  /** Sent on the command's stdin ahead of `stdin` and exported by a fixed sh script, never in argv (env-stdin.ts). */
  readonly env?: Readonly<Record<string, string>>;
  /** Directory to run in (`cd DIR && …`); default the login directory. */
  readonly cwd?: string;
  readonly become?: BecomeOptions;
  /** Kill the command after this long; the result then has rc 124. */
  readonly timeoutMs?: number;
  /** Per stream; output past it is dropped and a marker appended. Default 16 MiB. */
  readonly maxOutputBytes?: number;
}

export interface ExecResult {
  /** Exit status; 128 + n when killed by signal n (never 0 then). */
  readonly rc: number;
  readonly stdout: string;
  readonly stderr: string;
  /** e.g. 'SIGKILL' when the command was killed by a signal. */
  readonly signal?: string;
  /** True when stdout or stderr hit maxOutputBytes. */
  readonly truncated?: boolean;
}

export interface PutOptions {
  /** Permission bits, e.g. 0o644. Without it an existing file keeps its mode and owner, a new one gets 0666 & ~umask. */
  readonly mode?: number;
  readonly become?: BecomeOptions;
}

export interface GetOptions {
  readonly become?: BecomeOptions;
  /** Refuse files larger than this (RemoteFileError 'too-large'). Default 64 MiB. */
  readonly maxBytes?: number;
}

export interface Connection {
  readonly host: string;
  /** Runs argv; argv is quoted by shellJoin, never interpreted by a shell. */
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Writes atomically: a temp file in the same directory, then rename. */
  put(content: string | Uint8Array, remotePath: string, opts?: PutOptions): Promise<void>;
  /** The file's bytes, or undefined when it does not exist. */
  get(remotePath: string, opts?: GetOptions): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

export interface SshTarget {
  /** Inventory name, used in results and errors. */
  readonly host: string;
  /** What to connect to (ansible_host). */
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly privateKeyPath?: string;
  readonly password?: string;
  /** OpenSSH known_hosts files; missing files are skipped. */
  readonly knownHostsFiles: readonly string[];
  /** false accepts any host key (Ansible's host_key_checking=False). */
  readonly hostKeyChecking: boolean;
  /** TCP connect plus SSH handshake and auth; default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Default 3 000; with keepaliveCountMax 3 a silent host is dropped after ~12 s. */
  readonly keepaliveIntervalMs?: number;
  readonly keepaliveCountMax?: number;
  /** Channels open at once on this connection; default 8 (below sshd's MaxSessions 10). */
  readonly maxChannels?: number;
}
