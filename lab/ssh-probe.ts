// Is an sshd answering? A TCP connect and the server's identification line
// ("SSH-2.0-…") say so without logging in.
import { connect } from 'node:net';
import { sleep } from './host-process.js';

export function probeSsh(address: string, port = 22, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let banner = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      banner += chunk.toString('latin1');
      if (banner.includes('\n')) done(banner.startsWith('SSH-'));
      else if (banner.length > 255) done(false);
    });
    socket.on('end', () => done(false));
  });
}

export interface WaitForSshInput {
  readonly address: string;
  readonly deadlineMs: number;
  /** Stops waiting early when the host's process has already died. */
  readonly gaveUp?: () => string | undefined;
}

/** Polls until the banner arrives; resolves to undefined on success or the reason it never came. */
export async function waitForSsh(input: WaitForSshInput): Promise<string | undefined> {
  const deadline = Date.now() + input.deadlineMs;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const ended = input.gaveUp?.();
    if (ended !== undefined) return `its process ended (${ended})`;
    if (await probeSsh(input.address, 22, Math.max(100, Math.min(1000, deadline - Date.now())))) return undefined;
    if (Date.now() >= deadline) return `sshd did not answer within ${input.deadlineMs} ms`;
    await sleep(Math.min(200, 20 + attempt * 10));
  }
  return 'sshd did not answer';
}
