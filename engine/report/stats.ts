// PLAY RECAP counting, as Ansible counts: `ok` includes changed tasks; an ignored failure counts
// as ok and ignored; a failure that a block's rescue handled counts as rescued, not failed.
import type { HostResult, HostStats } from './events.js';

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

export class Recap {
  readonly stats = new Map<string, HostStats>();

  ensure(host: string): HostStats {
    let s = this.stats.get(host);
    if (!s) {
      s = emptyStats();
      this.stats.set(host, s);
    }
    return s;
  }

  count(r: HostResult): void {
    const s = this.ensure(r.host);
    if (r.ignored) {
      // Ansible: an ignored failure counts as ok and ignored, and as changed when it changed.
      s.ignored++;
      s.ok++;
      if (r.changed) s.changed++;
      return;
    }
    switch (r.status) {
      case 'ok':
        s.ok++;
        break;
      case 'changed':
        s.ok++;
        s.changed++;
        break;
      case 'skipped':
        s.skipped++;
        break;
      case 'failed':
        s.failed++;
        break;
      case 'unreachable':
        s.unreachable++;
        break;
    }
  }

  /** A failure inside a block that its rescue handled: no longer a failure. */
  rescued(host: string): void {
    const s = this.ensure(host);
    if (s.failed > 0) s.failed--;
    s.rescued++;
  }

  toJSON(): Record<string, HostStats> {
    return Object.fromEntries(this.stats);
  }
}
