// Ansible's _decode_escapes (lib/ansible/parsing/splitter.py, 2.14): the backslash escapes
// Python's unicode-escape codec knows, decoded in each k=v word before it is split at `=`.
// `\N{NAME}` needs Unicode's name table, which Node lacks: it is refused (docs/modules.md).

const ESCAPE = /\\U[a-fA-F0-9]{8}|\\u[a-fA-F0-9]{4}|\\x[a-fA-F0-9]{2}|\\N\{[^}]+\}|\\[\\'"abfnrtv]/g;

const SINGLE: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; offset: number };

export function decodeEscapes(s: string): DecodeResult {
  let error: { message: string; offset: number } | undefined;
  const text = s.replace(ESCAPE, (m: string, offset: number) => {
    const kind = m.charAt(1);
    if (kind === 'N') {
      error ??= { message: `${m}: named Unicode escapes are not supported; use \\u or \\U`, offset };
      return m;
    }
    if (kind === 'U' || kind === 'u' || kind === 'x') {
      const code = parseInt(m.slice(2), 16);
      if (code > 0x10ffff) {
        error ??= { message: `${m}: not a Unicode code point`, offset };
        return m;
      }
      return String.fromCodePoint(code);
    }
    return SINGLE[kind] ?? m;
  });
  return error ? { ok: false, ...error } : { ok: true, text };
}
