// The engine's local connection (engine/connection), wrapped to record each exec so tests can
// assert round trips, and to add a fixed environment (e.g. a PATH with test doubles first).
import { openLocal } from '../../../../engine/connection/index.js';
import type { Connection, ExecOptions } from '../../../../engine/modules/types.js';

export interface RecordingConnection extends Connection {
  readonly calls: { argv: readonly string[]; opts: ExecOptions | undefined }[];
}

export function localConnection(baseEnv: Readonly<Record<string, string>> = {}): RecordingConnection {
  const inner = openLocal('localhost');
  const calls: { argv: readonly string[]; opts: ExecOptions | undefined }[] = [];
  const withEnv = Object.keys(baseEnv).length > 0;
  return {
    host: inner.host,
    calls,
    exec(argv, opts) {
      calls.push({ argv, opts });
      const env = withEnv || opts?.env !== undefined ? { ...baseEnv, ...opts?.env } : undefined;
      return inner.exec(argv, { ...opts, ...(env === undefined ? {} : { env }) });
    },
    put: (content, path, opts) => inner.put(content, path, opts),
    get: (path, opts) => inner.get(path, opts),
  };
}
