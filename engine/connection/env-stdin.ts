// Environment variables for a command travel on its stdin, never in argv: every
// user of a host can read any process's argv (ps, /proc/PID/cmdline) and
// `environment:` may hold vault values. The command line runs ENV_SCRIPT (fixed
// text) in front of the argv; the connection writes envHeader() at the very
// start of the command's stdin, before the command's own input.
//
// Header, ASCII framing, values in UTF-8:
//   COUNT\n
//   and per variable: NAME LINES\n, then the value split at \n, one line each.
// Splitting at newlines lets `read -r` take every other byte as it is (quotes,
// backslashes, `$`, `=`, spaces at either end, non-ASCII), with no escaping.
//
// `read` takes one byte at a time from a pipe or socket (dash, bash, busybox),
// so the command's own input after the header stays unread for it. Values wait
// in the positional parameters and are exported by one final eval together with
// the exec, so the script's own variables cannot overwrite a variable of the
// same name; the eval text holds only names (checked twice) and numbers.
// A malformed or cut-short header exits 125 (as env(1) does for its own
// failures) with one line on stderr; otherwise the script prints nothing.
// The script has no single quote, so it shows as one plain '…' word in ps.

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const ENV_SCRIPT = `_dh_fail() { echo "deckhand: incomplete environment on stdin" >&2; exit 125; }
IFS= read -r _dh_n || _dh_fail
case $_dh_n in ""|*[!0-9]*) _dh_fail;; esac
_dh_m=$_dh_n _dh_a=
while [ "$_dh_n" -gt 0 ]; do
  IFS=" " read -r _dh_k _dh_c && IFS= read -r _dh_v || _dh_fail
  case $_dh_k in ""|[!A-Za-z_]*|*[!A-Za-z0-9_]*) _dh_fail;; esac
  case $_dh_c in ""|0|*[!0-9]*) _dh_fail;; esac
  while [ "$_dh_c" -gt 1 ]; do
    IFS= read -r _dh_l || _dh_fail
    _dh_v="$_dh_v
$_dh_l" _dh_c=$((_dh_c - 1))
  done
  set -- "$_dh_v" "$@"
  _dh_a="$_dh_a $_dh_k=\\"\\\${$_dh_n}\\"" _dh_n=$((_dh_n - 1))
done
eval "unset -v _dh_n _dh_m _dh_a _dh_k _dh_c _dh_v _dh_l; export$_dh_a; shift $_dh_m; exec \\"\\$@\\""`;

/** Refuses what cannot be passed: names that are not shell identifiers, values with NUL. */
function checkEnv(env: ReadonlyArray<readonly [string, string]>): void {
  for (const [name, value] of env) {
    if (!ENV_NAME.test(name)) throw new TypeError(`invalid environment variable name: ${JSON.stringify(name)}`);
    if (value.includes('\0')) throw new TypeError(`environment variable ${name} cannot contain a NUL byte`);
  }
}

export function envHeader(env: ReadonlyArray<readonly [string, string]>): Buffer {
  checkEnv(env);
  const parts = [`${env.length}\n`];
  for (const [name, value] of env) {
    const lines = value.split('\n');
    parts.push(`${name} ${lines.length}\n`, ...lines.map((l) => `${l}\n`));
  }
  return Buffer.from(parts.join(''), 'utf8');
}
