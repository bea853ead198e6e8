// A minimal connection to this machine for module tests: argv straight to spawn (no shell),
// stdin piped, environment merged. `become` is ignored: tests run in temp directories.
import { spawn } from 'node:child_process';
import { readFile, writeFile, chmod } from 'node:fs/promises';
import type { Connection, ExecOptions, ExecResult } from '../../../../engine/modules/types.js';

export interface RecordingConnection extends Connection {
  readonly calls: { argv: readonly string[]; opts: ExecOptions | undefined }[];
}

export function localConnection(baseEnv: Readonly<Record<string, string>> = {}): RecordingConnection {
  const calls: { argv: readonly string[]; opts: ExecOptions | undefined }[] = [];
  return {
    host: 'localhost',
    calls,
    exec(argv, opts) {
      calls.push({ argv, opts });
      return new Promise<ExecResult>((resolve, reject) => {
        const [cmd, ...rest] = argv;
        if (cmd === undefined) return reject(new Error('empty argv'));
        const child = spawn(cmd, rest, {
          cwd: opts?.cwd,
          env: { ...process.env, ...baseEnv, ...opts?.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.stdin.on('error', () => undefined);
        child.on('error', (e) => resolve({ rc: 127, stdout: '', stderr: String(e) }));
        child.on('close', (code, signal) =>
          resolve({
            rc: code ?? 128,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
            ...(signal === null ? {} : { signal }),
          }),
        );
        child.stdin.end(opts?.stdin === undefined ? undefined : opts.stdin);
      });
    },
    async put(content, path, opts) {
      await writeFile(path, content);
      if (opts?.mode !== undefined) await chmod(path, opts.mode);
    },
    async get(path) {
      return readFile(path).catch(() => undefined);
    },
  };
}
