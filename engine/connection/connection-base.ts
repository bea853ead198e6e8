// exec/put/get on top of a Runner; identical for SSH and local connections.
import { prepareCommand } from './command-line.js';
import { TIMEOUT_RC } from './exit-status.js';
import { DEFAULT_MAX_OUTPUT_BYTES } from './output-sink.js';
import { secretRedactor } from '../text/redact.js';
import { getFile, putFile } from './remote-file.js';
import type { Runner } from './runner.js';
import type { Connection, ExecOptions, ExecResult, GetOptions, PutOptions } from './types.js';

export function connectionOver(host: string, runner: Runner): Connection {
  const exec = async (argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> => {
    const command = prepareCommand(argv, {
      ...opts,
      ...(runner.remoteTimeout && opts.timeoutMs !== undefined ? { remoteTimeoutMs: opts.timeoutMs } : {}),
    });
    const raw = await runner.run(command, {
      ...(opts.stdin === undefined ? {} : { stdin: toBytes(opts.stdin) }),
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      maxOutputBytes: opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    });
    const redact = secretRedactor(opts.become?.password);
    let stderr = redact(raw.stderr.text('stderr'));
    let rc = raw.status.rc;
    let signal = raw.status.signal;
    if (raw.timedOut) {
      rc = TIMEOUT_RC;
      signal = undefined;
      stderr += `\n[deckhand: command timed out after ${opts.timeoutMs ?? 0} ms and was killed]\n`;
    }
    const truncated = raw.stdout.truncated || raw.stderr.truncated;
    return {
      rc,
      stdout: redact(raw.stdout.text('stdout')),
      stderr,
      ...(signal === undefined ? {} : { signal }),
      ...(truncated ? { truncated } : {}),
    };
  };
  return {
    host,
    exec,
    put: (content: string | Uint8Array, remotePath: string, opts: PutOptions = {}) =>
      putFile(host, runner, toBytes(content), remotePath, opts),
    get: (remotePath: string, opts: GetOptions = {}) => getFile(host, runner, remotePath, opts),
    close: () => runner.close(),
  };
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}
