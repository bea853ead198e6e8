// What a transport (SSH channel or local child process) provides: run one
// prepared shell line to completion. Everything above it is shared.
import type { PreparedCommand } from './command-line.js';
import type { ExitStatus } from './exit-status.js';
import type { OutputSink } from './output-sink.js';

// After a command exits, how long to wait for its output streams to close. A
// daemon it started in the background may hold them open forever.
export const EXIT_DRAIN_GRACE_MS = 2000;

export interface RunOptions {
  readonly stdin?: Uint8Array;
  readonly timeoutMs?: number;
  readonly maxOutputBytes: number;
}

export interface RawRun {
  /** How the process ended; for a timed-out command, what the kill produced. */
  readonly status: ExitStatus;
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  readonly timedOut: boolean;
}

export interface Runner {
  /** true: enforce timeoutMs on the host with timeout(1) (SSH); false: the runner kills the process itself. */
  readonly remoteTimeout: boolean;
  /** Resolves when the command has ended; rejects only with ConnectionFailure. */
  run(command: PreparedCommand, opts: RunOptions): Promise<RawRun>;
  close(): Promise<void>;
}
