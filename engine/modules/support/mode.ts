// File modes as Ansible accepts them: a number (0644 in YAML is already 420), an octal string
// ('0644', '644', '1777') or a chmod symbolic string ('u=rw,g=r,o=r', 'a+X', 'go-w').
// Symbolic modes are resolved here against the current mode, so the host always receives
// the exact octal result and check mode compares the same number apply will set.

export type ModeSpec =
  | { readonly kind: 'octal'; readonly value: number }
  | { readonly kind: 'symbolic'; readonly text: string; readonly clauses: readonly Clause[] };

interface Action {
  readonly op: '+' | '-' | '=';
  readonly perms: string;
}
interface Clause {
  readonly who: string;
  readonly actions: readonly Action[];
}

const OCTAL = /^0?[0-7]{3,4}$/;
const CLAUSE = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)$/;
const ACTION = /([-+=])([ugo]|[rwxXst]*)/g;

/** Parses a mode argument; returns an error message for values chmod would reject. */
export function parseMode(spec: string | number): ModeSpec | { readonly error: string } {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0 || spec > 0o7777) return { error: `mode ${spec} is out of range` };
    return { kind: 'octal', value: spec };
  }
  const text = spec.trim();
  if (OCTAL.test(text)) return { kind: 'octal', value: parseInt(text, 8) };
  const clauses: Clause[] = [];
  for (const part of text.split(',')) {
    const m = CLAUSE.exec(part);
    if (m === null) return { error: `mode '${spec}' is neither octal nor a chmod symbolic mode` };
    const actions = [...(m[2] ?? '').matchAll(ACTION)].map((a) => ({ op: a[1] as Action['op'], perms: a[2] ?? '' }));
    clauses.push({ who: m[1] ?? '', actions });
  }
  return { kind: 'symbolic', text, clauses };
}

const CLASS_BITS: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };
const RWX: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007 };

function permBits(perms: string, current: number, isDir: boolean): number {
  if (perms === 'u' || perms === 'g' || perms === 'o') {
    const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
    return ((current >> shift) & 7) * 0o111;
  }
  let bits = 0;
  for (const p of perms) {
    if (p === 'r') bits |= 0o444;
    else if (p === 'w') bits |= 0o222;
    else if (p === 'x') bits |= 0o111;
    else if (p === 'X' && (isDir || (current & 0o111) !== 0)) bits |= 0o111;
    else if (p === 's') bits |= 0o6000;
    else if (p === 't') bits |= 0o1000;
  }
  return bits;
}

/**
 * The mode a file ends up with. Like chmod, a clause without u/g/o/a applies to all
 * classes except bits set in the umask (assumed 022 on the host).
 */
export function resolveMode(spec: ModeSpec, current: number, isDir: boolean, umask = 0o022): number {
  if (spec.kind === 'octal') return spec.value;
  let mode = current & 0o7777;
  for (const clause of spec.clauses) {
    const who = clause.who === '' || clause.who.includes('a') ? 'ugo' : clause.who;
    let mask = 0;
    let rwx = 0;
    for (const c of who) {
      mask |= CLASS_BITS[c] ?? 0;
      rwx |= RWX[c] ?? 0;
    }
    if (clause.who === '') mask &= ~umask;
    for (const { op, perms } of clause.actions) {
      const bits = permBits(perms, mode, isDir) & mask;
      if (op === '+') mode |= bits;
      else if (op === '-') mode &= ~bits;
      else mode = (mode & ~(rwx | (who.includes('u') ? 0o4000 : 0) | (who.includes('g') ? 0o2000 : 0))) | bits;
    }
  }
  return mode;
}

/** Ansible prints modes as four octal digits: '0644'. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
