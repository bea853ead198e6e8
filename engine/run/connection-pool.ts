// One persistent connection per host for the whole run, opened on first use. A host that could
// not be reached stays failed for the run (the failure is remembered, not retried per task).
import { ConnectionFailure, openLocal, openSsh, type Connection } from '../connection/index.js';
import type { Connection as ModuleConnection, ExecOptions } from '../modules/types.js';
import type { ConnectionSpec } from './connection-settings.js';

export class ConnectionPool {
  private readonly open = new Map<string, Promise<Connection>>();
  /** The same connections once opened, for a synchronous abort. */
  private readonly ready = new Set<Connection>();

  constructor(private readonly onCommand?: (host: string, argv: readonly string[]) => void) {}

  get(spec: ConnectionSpec): Promise<Connection> {
    const key = spec.kind === 'local' ? `local:${spec.host}` : `ssh:${spec.target.host}`;
    let c = this.open.get(key);
    if (!c) {
      c = spec.kind === 'local' ? Promise.resolve(openLocal(spec.host)) : openSsh(spec.target);
      // Keep the rejection handled here; callers await the same promise and see the failure.
      c.then((conn) => this.ready.add(conn), () => undefined);
      this.open.set(key, c);
    }
    return c;
  }

  /**
   * A connection that opens on first use, so tasks that never touch the host never connect.
   * `hidden` (no_log) keeps the commands out of the -vvv log.
   */
  lazy(spec: ConnectionSpec, host: string, hidden = false): ModuleConnection {
    const conn = () => this.get(spec);
    const log = (argv: readonly string[]) => this.onCommand?.(host, hidden ? [argv[0] === 'put' || argv[0] === 'get' ? argv[0] : 'command', '(hidden: no_log)'] : argv);
    return {
      host,
      async exec(argv: readonly string[], opts?: ExecOptions) {
        log(argv);
        return (await conn()).exec(argv, opts);
      },
      async put(content, path, opts) {
        log(['put', path]);
        return (await conn()).put(content, path, opts);
      },
      async get(path, opts) {
        log(['get', path]);
        return (await conn()).get(path, opts);
      },
    };
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    this.ready.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  }

  /** For an abort that exits at once: starts closing every open connection (local commands are killed). */
  abortAll(): void {
    for (const c of this.ready) void Promise.resolve(c.close()).catch(() => undefined);
    this.ready.clear();
  }
}

export function isConnectionFailure(e: unknown): e is ConnectionFailure {
  return e instanceof ConnectionFailure;
}
