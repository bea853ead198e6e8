// put and get as small POSIX sh scripts run over the connection's exec path,
// so they work the same over SSH and locally, need no SFTP subsystem, and
// run as another user through the same sudo argv as any command.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { prepareCommand } from './command-line.js';
import { RemoteFileError } from './connection-failure.js';
import { secretRedactor } from '../text/redact.js';
import type { Runner } from './runner.js';
import type { GetOptions, PutOptions } from './types.js';

// $1 temp file (same directory as $2, so mv is an atomic rename), $2 target, $3 octal mode or ''.
// The temp file is private (umask 077) until its final mode is set. Without a
// mode, an existing target's mode and owner carry over (as Ansible's atomic
// move does) and a new file gets the login umask.
const PUT_SCRIPT = `u=$(umask); umask 077
if [ -d "$2" ]; then echo "deckhand: $2 is a directory" >&2; exit 1; fi
cat > "$1" || { rm -f "$1"; exit 1; }
if [ -n "$3" ]; then chmod "$3" "$1"
elif [ -e "$2" ]; then chmod --reference="$2" "$1" && { chown --reference="$2" "$1" 2>/dev/null || :; }
else chmod "$(printf %o "$(( 0666 & ~$u ))")" "$1"
fi || { rm -f "$1"; exit 1; }
mv -f "$1" "$2" || { rm -f "$1"; exit 1; }`;

const MISSING_RC = 3;
const MISSING_MARK = 'deckhand: no such file';
// $1 path, $2 byte limit. Not "missing" when the parent directory exists but
// cannot be searched: that is a permission problem, reported as an error.
const GET_SCRIPT = `if [ ! -e "$1" ]; then d=$(dirname -- "$1")
  if [ ! -e "$d" ] || [ -x "$d" ]; then echo "${MISSING_MARK}" >&2; exit ${MISSING_RC}; fi
fi
exec head -c "$2" -- "$1"`;

const DEFAULT_MAX_GET_BYTES = 64 * 1024 * 1024;
const SMALL_OUTPUT = 64 * 1024;

export async function putFile(host: string, runner: Runner, content: Uint8Array, path: string, opts: PutOptions): Promise<void> {
  checkPath(path);
  if (opts.mode !== undefined && !(Number.isInteger(opts.mode) && opts.mode >= 0 && opts.mode <= 0o7777)) {
    throw new TypeError(`invalid file mode: ${String(opts.mode)}`);
  }
  const tmp = posix.join(posix.dirname(path), `.${posix.basename(path)}.deckhand-${randomBytes(6).toString('hex')}.tmp`);
  const mode = opts.mode === undefined ? '' : opts.mode.toString(8).padStart(4, '0');
  const command = prepareCommand(['sh', '-c', PUT_SCRIPT, 'sh', tmp, path, mode], opts.become === undefined ? {} : { become: opts.become });
  const raw = await runner.run(command, { stdin: content, maxOutputBytes: SMALL_OUTPUT });
  if (raw.status.rc !== 0) {
    const stderr = secretRedactor(opts.become?.password)(raw.stderr.text('stderr'));
    throw new RemoteFileError('failed', host, path, { rc: raw.status.rc, stderr, message: `could not write file: ${summary(stderr, raw.status.rc)}` });
  }
}

export async function getFile(host: string, runner: Runner, path: string, opts: GetOptions): Promise<Uint8Array | undefined> {
  checkPath(path);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_GET_BYTES;
  if (!(Number.isInteger(maxBytes) && maxBytes >= 0)) throw new TypeError(`invalid maxBytes: ${String(maxBytes)}`);
  const command = prepareCommand(['sh', '-c', GET_SCRIPT, 'sh', path, String(maxBytes + 1)], opts.become === undefined ? {} : { become: opts.become });
  const raw = await runner.run(command, { maxOutputBytes: maxBytes + 1 });
  const stderr = secretRedactor(opts.become?.password)(raw.stderr.text('stderr'));
  if (raw.status.rc === MISSING_RC && stderr.includes(MISSING_MARK)) return undefined;
  if (raw.status.rc !== 0) {
    throw new RemoteFileError('failed', host, path, { rc: raw.status.rc, stderr, message: `could not read file: ${summary(stderr, raw.status.rc)}` });
  }
  const bytes = raw.stdout.bytes();
  if (bytes.length > maxBytes) {
    throw new RemoteFileError('too-large', host, path, { rc: 0, stderr: '', message: `file is larger than ${maxBytes} bytes` });
  }
  return bytes;
}

function checkPath(path: string): void {
  if (path === '' || path.includes('\0')) throw new TypeError(`invalid remote path: ${JSON.stringify(path)}`);
}

function summary(stderr: string, rc: number): string {
  const text = stderr.trim();
  return text === '' ? `exit status ${rc}` : text;
}
