// Feeds stdin to and collects output from one running command, the same way
// for an SSH channel and a local child process.
import type { Readable, Writable } from 'node:stream';
import { BecomeStderrFilter } from './become-filter.js';
import type { BecomeHandshake, PreparedCommand } from './command-line.js';
import { OutputSink } from './output-sink.js';
import type { RunOptions } from './runner.js';

export interface ProcessStreams {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
}

export interface DriveOptions {
  /** Goes first on stdin, as part of the command's input (after sudo's password). */
  readonly header?: Uint8Array;
  readonly stdin?: Uint8Array;
  readonly handshake?: BecomeHandshake;
  readonly maxOutputBytes: number;
}

/** What a transport hands to driveProcess for one prepared command. */
export function driveOptions(command: PreparedCommand, opts: RunOptions): DriveOptions {
  return {
    ...(command.stdinHeader === undefined ? {} : { header: command.stdinHeader }),
    ...(opts.stdin === undefined ? {} : { stdin: opts.stdin }),
    ...(command.handshake === undefined ? {} : { handshake: command.handshake }),
    maxOutputBytes: opts.maxOutputBytes,
  };
}

export interface DrivenOutput {
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
  /** Resolves once both output streams have ended (or errored). */
  readonly drained: Promise<void>;
}

export function driveProcess(streams: ProcessStreams, opts: DriveOptions): DrivenOutput {
  const stdout = new OutputSink(opts.maxOutputBytes);
  const stderr = new OutputSink(opts.maxOutputBytes);
  const { stdin } = streams;
  // The command may exit without reading its input (EPIPE); that is not our error.
  stdin.on('error', () => undefined);
  const sendInput = (): void => {
    if (!stdin.writable) return;
    if (opts.header !== undefined && opts.header.length > 0) stdin.write(asBuffer(opts.header));
    if (opts.stdin !== undefined && opts.stdin.length > 0) stdin.end(asBuffer(opts.stdin));
    else stdin.end();
  };

  let errSink: { write(chunk: Buffer): void; end(): void };
  const hs = opts.handshake;
  if (hs === undefined) {
    errSink = { write: (c) => stderr.write(c), end: () => undefined };
    sendInput();
  } else {
    // The password is sent only when sudo asks: with NOPASSWD sudo never
    // reads it, and it must not end up as the command's input.
    errSink = new BecomeStderrFilter(hs, stderr, {
      onPrompt: () => { if (stdin.writable) stdin.write(`${hs.password}\n`); },
      onAccepted: sendInput,
      onRejected: () => { if (stdin.writable) stdin.end(); },
    });
  }

  const ended = (stream: Readable, onEnd?: () => void): Promise<void> => new Promise((resolve) => {
    const done = (): void => { onEnd?.(); resolve(); };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
  streams.stdout.on('data', (c: Buffer) => stdout.write(c));
  streams.stderr.on('data', (c: Buffer) => errSink.write(c));
  let errEnded = false;
  const drained = Promise.all([
    ended(streams.stdout),
    ended(streams.stderr, () => { if (!errEnded) { errEnded = true; errSink.end(); } }),
  ]).then(() => undefined);
  return { stdout, stderr, drained };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
