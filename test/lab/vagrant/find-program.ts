// Whether a program is installed, to skip tests that need it with a reason.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A program on PATH or in the sbin directories (mosquitto lives in /usr/sbin). */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  return dirs.filter((d) => d !== '').map((d) => join(d, name)).find((p) => existsSync(p));
}
