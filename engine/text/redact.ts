// Secrets never reach output. The engine knows no deployment: what to hide is given to it, as
// values known to be secret (vault plaintexts, passwords) and as regular expressions that roles
// or the inventory declare in `deckhand_redact_patterns`.
export const NO_LOG_MSG = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

// Very short strings would censor ordinary words; they are not secrets worth the damage.
const MIN_SECRET_LENGTH = 4;
const SECRET_MASK = '********';
const PATTERN_MASK = '<redacted>';

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly patterns: readonly RegExp[];

  /** `patterns` are already valid (the prepare stage checks them); every match is replaced. */
  constructor(patterns: readonly string[] = []) {
    this.patterns = patterns.map((p) => new RegExp(p, 'g'));
  }

  addSecret(s: string): void {
    if (s.length >= MIN_SECRET_LENGTH) this.secrets.add(s);
  }

  text(s: string): string {
    let out = s;
    for (const p of this.patterns) out = out.replace(p, PATTERN_MASK);
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(SECRET_MASK);
    return out;
  }

  /** Deep copy with every string redacted. */
  value(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.value(x);
      return out;
    }
    return v;
  }
}

/** Text with one secret (a become password a command may echo) replaced. */
export function secretRedactor(secret: string | undefined): (text: string) => string {
  if (secret === undefined) return (t) => t;
  const r = new Redactor();
  r.addSecret(secret);
  return (t) => r.text(t);
}

/** Why a pattern cannot be used, or undefined when it can. */
export function redactPatternError(pattern: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'g');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  // One that matches nothing at all would put a mask between every two characters.
  return re.test('') ? 'it matches empty text' : undefined;
}
