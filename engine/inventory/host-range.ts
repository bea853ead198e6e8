// Host definitions as Ansible writes them: `name`, `name:port`, `[v6addr]:port`, and ranges
// `web[01:10]`, `db-[a:c]`, `node[1:9:2]` (begin:end:step, inclusive, several ranges allowed).

export type HostPatternResult =
  | { ok: true; names: string[]; port: number | undefined }
  | { ok: false; message: string };

/** Ranges so large are typing mistakes; refusing them keeps memory bounded. */
const MAX_EXPANSION = 100_000;

const RANGE = String.raw`\[(?:[a-zA-Z]:[a-zA-Z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const NUM_RANGE = String.raw`\[[0-9]+:[0-9]+(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[[0-9a-fA-F]+:[0-9a-fA-F]+(?::[0-9]+)?\]`;
const LABEL = String.raw`(?:[\p{L}\p{N}_]|${RANGE})(?:[\p{L}\p{N}_-]|${RANGE})*(?<![_-])`;
const HOSTNAME = new RegExp(String.raw`^${LABEL}(?:\.${LABEL})*\.?$`, 'u');
const OCTET = String.raw`(?:[0-9]{1,3}|${NUM_RANGE})`;
const IPV4 = new RegExp(String.raw`^${OCTET}(?:\.${OCTET}){3}$`);
const IPV6_PART = new RegExp(String.raw`^(?:[0-9a-fA-F]{1,4}|${HEX_RANGE})$`);
const BRACKETED_PORT = /^\[(.+)\]:(\d+)$/;
const HOST_PORT = /^((?:[^:[\]]|\[[^\]]*\])*):(\d+)$/;

/** Is `text` an address Ansible would accept (hostname, IPv4, IPv6, with ranges, optional port)? */
export function parseAddress(text: string): { host: string; port: number | undefined } | undefined {
  let host = text;
  let port: number | undefined;
  const m = BRACKETED_PORT.exec(text) ?? HOST_PORT.exec(text);
  if (m) {
    host = m[1] ?? '';
    port = Number(m[2]);
  }
  if (IPV4.test(host) || isIpv6(host) || HOSTNAME.test(host)) return { host, port };
  return undefined;
}

/** Eight groups, or fewer with exactly one `::`; an IPv4 tail counts as two groups. */
function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  let count = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!IPV4.test(last)) return false;
    groups.pop();
    count += 1;
  }
  if (!groups.every((g) => IPV6_PART.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * A host key or INI host token: split off a port when the text is a valid address, then expand
 * ranges. Text that is not an address is kept whole, as Ansible does (it may still hold a range).
 */
export function parseHostPattern(text: string): HostPatternResult {
  const address = parseAddress(text);
  const pattern = address ? address.host : text;
  const port = address?.port;
  if (!pattern.includes('[')) return { ok: true, names: [pattern], port };
  const names: string[] = [];
  const err = expandInto(pattern, names);
  return err === undefined ? { ok: true, names, port } : { ok: false, message: err };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Expands the first [..] range, then recurses for any later ones. Returns an error message. */
function expandInto(line: string, out: string[]): string | undefined {
  const open = line.indexOf('[');
  const close = line.indexOf(']');
  if (close < open) return `unbalanced brackets in host range '${line}'`;
  const head = line.slice(0, open);
  const body = line.slice(open + 1, close);
  const tail = line.slice(close + 1);
  const bounds = body.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) return `host range must be begin:end or begin:end:step, got '[${body}]'`;
  const beg = bounds[0] || '0';
  const end = bounds[1] ?? '';
  const stepText = bounds[2] ?? '1';
  if (end === '') return `host range '[${body}]' must give an end value`;
  if (!/^[0-9]+$/.test(stepText) || Number(stepText) === 0) return `host range step must be a positive integer, got '${stepText}'`;
  const step = Number(stepText);
  const seq = rangeSequence(beg, end, step);
  if (typeof seq === 'string') return `${seq} in '[${body}]'`;
  if (seq.length === 0) return `host range '[${body}]' is empty: begin must not be after end`;
  for (const item of seq) {
    const name = head + item + tail;
    if (name.includes('[')) {
      const err = expandInto(name, out);
      if (err !== undefined) return err;
    } else {
      out.push(name);
    }
    if (out.length > MAX_EXPANSION) return `host range expands to more than ${MAX_EXPANSION} hosts`;
  }
  return undefined;
}

function rangeSequence(beg: string, end: string, step: number): string[] | string {
  const bi = beg.length === 1 ? LETTERS.indexOf(beg) : -1;
  const ei = end.length === 1 ? LETTERS.indexOf(end) : -1;
  if (bi >= 0 && ei >= 0) {
    const out: string[] = [];
    for (let i = bi; i <= ei; i += step) out.push(LETTERS[i] ?? '');
    return out;
  }
  if (!/^[0-9]+$/.test(beg) || !/^[0-9]+$/.test(end)) return 'host range bounds must be numbers or single letters';
  // A leading zero asks for fixed-width numbers, so both ends must have the same width.
  const width = beg.startsWith('0') && beg.length > 1 ? beg.length : 0;
  if (width > 0 && end.length !== width) return 'host range must give begin and end with the same number of digits';
  const b = Number(beg);
  const e = Number(end);
  if ((e - b) / step > MAX_EXPANSION) return `host range expands to more than ${MAX_EXPANSION} hosts`;
  const out: string[] = [];
  for (let i = b; i <= e; i += step) out.push(String(i).padStart(width, '0'));
  return out;
}
