// Log lines in klog's header format (Lmmdd hh:mm:ss.uuuuuu pid file:line] msg),
// as the Kubernetes tools write them to stderr and the journal.

export function klog(level: 'I' | 'W' | 'E', location: string, message: string, now = new Date()): string {
  const mmdd = `${String(now.getUTCMonth() + 1).padStart(2, '0')}${String(now.getUTCDate()).padStart(2, '0')}`;
  const time = `${now.toISOString().slice(11, 23)}000`;
  return `${level}${mmdd} ${time} ${String(process.pid).padStart(7)} ${location}] ${message}\n`;
}

/** systemd's timestamp style: "Wed 2026-11-25 23:53:09 UTC". */
export function systemdTime(iso: string): string {
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()] ?? '';
  return `${day} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}
