// Is anything listening? How kubectl and kubeadm find out the API server is down.
import { connect } from 'node:net';

export type ProbeResult = 'ok' | 'refused' | 'timeout';

export function probeTcp(host: string, port: number, timeoutMs = 2000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: ProbeResult): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.once('connect', () => done('ok'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' ? 'timeout' : 'refused'));
  });
}

/** host:port, [v6]:port, or a URL. */
export function splitHostPort(text: string, defaultPort = 443): { host: string; port: number } {
  const bare = text.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(bare);
  if (v6) return { host: v6[1] ?? '', port: Number(v6[2] ?? defaultPort) };
  const [host, port] = bare.split(':');
  return { host: host ?? '', port: Number(port ?? defaultPort) };
}
