// Where a vault password comes from, as in Ansible: a password file (its content, trimmed), an
// executable password file (run; its stdout without the trailing newline), or a prompt on the
// terminal without echo.
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';

export type PasswordRead = { ok: true; password: string } | { ok: false; message: string };

export interface PasswordFileOptions {
  /** Passed as `--vault-id LABEL` to a client script (a file named `*-client` or `*-client.EXT`). */
  readonly label?: string;
}

export async function readVaultPasswordFile(path: string, opts: PasswordFileOptions = {}): Promise<PasswordRead> {
  const info = await stat(path).catch((e: unknown) => e as Error);
  if (info instanceof Error) return { ok: false, message: `cannot read vault password file ${path}: ${reason(info)}` };
  if (!info.isFile()) return { ok: false, message: `vault password file ${path} is not a regular file` };
  if ((info.mode & 0o111) !== 0) return runPasswordScript(path, opts.label);
  const text = await readFile(path, 'utf8').catch((e: unknown) => e as Error);
  if (text instanceof Error) return { ok: false, message: `cannot read vault password file ${path}: ${reason(text)}` };
  const password = text.trim();
  return password === '' ? { ok: false, message: `vault password file ${path} is empty` } : { ok: true, password };
}

function isClientScript(path: string): boolean {
  const name = basename(path);
  return name.endsWith('-client') || basename(name, extname(name)).endsWith('-client');
}

/**
 * Runs an executable password file. stdin and stderr stay the user's, so a script can prompt;
 * a client script is asked for one vault id and exits 2 when it has no secret for it.
 */
function runPasswordScript(path: string, label: string | undefined): Promise<PasswordRead> {
  const client = isClientScript(path);
  const args = client && label !== undefined ? ['--vault-id', label] : [];
  return new Promise((resolvePromise) => {
    const child = spawn(path, args, { stdio: ['inherit', 'pipe', client ? 'pipe' : 'inherit'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => resolvePromise({ ok: false, message: `cannot run vault password script ${path}: ${e.message} (if it is not a script, remove its executable bit)` }));
    child.on('close', (code, signal) => {
      const detail = Buffer.concat(err).toString('utf8').trim();
      const tail = detail ? `: ${detail.split('\n')[0]}` : '';
      if (client && code === 2) return resolvePromise({ ok: false, message: `vault password client script ${path} has no secret for vault id '${label ?? ''}'${tail}` });
      if (code !== 0) return resolvePromise({ ok: false, message: `vault password script ${path} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${tail}` });
      const password = Buffer.concat(out).toString('utf8').replace(/^[\r\n]+|[\r\n]+$/g, '');
      resolvePromise(password === '' ? { ok: false, message: `vault password script ${path} printed no password` } : { ok: true, password });
    });
  });
}

/** The input side of a terminal; process.stdin in practice, a stub in tests. */
export interface PromptInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface PromptStreams {
  readonly input: PromptInput;
  readonly output: NodeJS.WritableStream;
}

/**
 * Asks for a password. On a terminal the input is read in raw mode and never echoed; Ctrl-C or
 * Ctrl-D cancel. Without a terminal one line is read from the input, so `echo pw | …` works.
 */
export function askVaultPassword(prompt: string, streams: PromptStreams = { input: process.stdin, output: process.stderr }): Promise<PasswordRead> {
  const { input, output } = streams;
  output.write(prompt);
  const raw = input.isTTY === true && typeof input.setRawMode === 'function';
  if (raw) input.setRawMode?.(true);
  return new Promise((resolvePromise) => {
    let typed = '';
    const finish = (r: PasswordRead): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      if (raw) input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      resolvePromise(r);
    };
    const onEnd = (): void => finish(typed === '' ? { ok: false, message: 'no vault password given (end of input)' } : { ok: true, password: typed });
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(typed === '' ? { ok: false, message: 'the vault password is empty' } : { ok: true, password: typed });
        if (raw && ch === '\u0003') return finish({ ok: false, message: 'cancelled' });
        if (raw && ch === '\u0004' && typed === '') return finish({ ok: false, message: 'cancelled' });
        if (raw && (ch === '\u007f' || ch === '\b')) typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

function reason(e: Error): string {
  return 'code' in e && e.code === 'ENOENT' ? 'no such file' : e.message;
}
