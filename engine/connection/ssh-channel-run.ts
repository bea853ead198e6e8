// Runs one command on one SSH session channel of an established connection.
import type { Client, ClientChannel } from 'ssh2';
import type { ConnectionFailure } from './connection-failure.js';
import { REMOTE_KILL_AFTER_S, type PreparedCommand } from './command-line.js';
import { exitStatus, TIMEOUT_RC, type ExitStatus } from './exit-status.js';
import { OutputSink } from './output-sink.js';
import { driveOptions, driveProcess } from './process-driver.js';
import { EXIT_DRAIN_GRACE_MS, type RawRun, type RunOptions } from './runner.js';

export interface ChannelHost {
  readonly client: Client;
  /** The failure that ended the connection, once it has ended. */
  dead(): ConnectionFailure | undefined;
  /** Registers a call to fail if the connection dies; returns the unregister function. */
  track(fail: (failure: ConnectionFailure) => void): () => void;
}

/** The server refused to open a session channel (typically MaxSessions); the caller may retry. */
export class ChannelRefused extends Error {
  override readonly name = 'ChannelRefused';
}

// The status reported when the channel closed with no exit-status or
// exit-signal (255, as ssh(1) reports its own failures): never success.
const NO_STATUS: ExitStatus = { rc: 255 };
// timeout(1) exits 124, or 128+9 when it had to follow up with KILL.
const KILLED_RC = 137;
const BACKSTOP_SLACK_MS = 3000;

export function runOnChannel(h: ChannelHost, command: PreparedCommand, opts: RunOptions): Promise<RawRun> {
  return new Promise((resolve, reject) => {
    const failed = h.dead();
    if (failed !== undefined) {
      reject(failed);
      return;
    }
    let settled = false;
    let channel: ClientChannel | undefined;
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    const untrack = h.track((failure) => finish(() => reject(failure)));
    function finish(action: () => void): void {
      if (settled) return;
      settled = true;
      untrack();
      for (const t of timers) clearTimeout(t);
      action();
    }

    // The host enforces timeoutMs with timeout(1) (see command-line.ts): OpenSSH
    // ignores SSH "signal" requests for root logins, and closing the channel
    // does not stop a command that is not writing. This timer is the backstop
    // for a host that does not end it; it starts before the channel opens, so
    // a hang while opening counts too.
    const started = Date.now();
    if (opts.timeoutMs !== undefined) {
      timers.push(setTimeout(() => {
        timedOut = true;
        if (channel === undefined) {
          const empty = new OutputSink(0);
          finish(() => resolve({ status: NO_STATUS, stdout: empty, stderr: empty, timedOut }));
          return;
        }
        channel.close();
      }, opts.timeoutMs + REMOTE_KILL_AFTER_S * 1000 + BACKSTOP_SLACK_MS));
    }
    const ranOutOfTime = (s: ExitStatus | undefined): boolean =>
      opts.timeoutMs !== undefined && Date.now() - started >= opts.timeoutMs
      && (s?.rc === TIMEOUT_RC || s?.rc === KILLED_RC);

    h.client.exec(command.line, (err, ch) => {
      if (settled) {
        // Timed out (or the connection died) while the channel was opening.
        ch?.close();
        return;
      }
      if (err !== undefined && err !== null) {
        const dead = h.dead();
        finish(() => reject(dead ?? new ChannelRefused(err.message)));
        return;
      }
      channel = ch;
      const out = driveProcess({ stdin: ch, stdout: ch, stderr: ch.stderr }, driveOptions(command, opts));
      let status: ExitStatus | undefined;
      ch.on('exit', (code: number | null, signal?: string) => {
        status = exitStatus(code, signal);
        // A background process still holding stdout/stderr would keep the
        // channel open forever after the command itself has exited.
        timers.push(setTimeout(() => ch.close(), EXIT_DRAIN_GRACE_MS));
      });
      ch.on('close', () => {
        void out.drained.then(() => {
          // Closed by a dying connection: the command's fate is unknown.
          const dead = h.dead();
          if (dead !== undefined && status === undefined) {
            finish(() => reject(dead));
            return;
          }
          const late = timedOut || ranOutOfTime(status);
          finish(() => resolve({ status: status ?? NO_STATUS, stdout: out.stdout, stderr: out.stderr, timedOut: late }));
        });
      });
    });
  });
}
