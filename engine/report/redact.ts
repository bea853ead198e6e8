// Secrets never reach output: anything shaped like a kubeadm bootstrap token, and any value the
// run has marked secret (vault values, become passwords), is replaced before it is shown.
const KUBEADM_TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g;
export const NO_LOG_MSG = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

export class Redactor {
  private readonly secrets = new Set<string>();

  addSecret(s: string): void {
    // Very short strings would censor ordinary words; they are not secrets worth the damage.
    if (s.length >= 4) this.secrets.add(s);
  }

  text(s: string): string {
    let out = s.replace(KUBEADM_TOKEN, '<redacted-token>');
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('********');
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
