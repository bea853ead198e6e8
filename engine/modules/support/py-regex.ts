// Ansible users write Python regular expressions and replacement templates. JavaScript's
// syntax is close; this converts the differences that occur in practice: named groups
// (?P<n>…), backreferences (?P=n), leading inline flags (?i), and \1 / \g<n> in replacements.

export function toRegExp(pattern: string, flags = ''): RegExp | { error: string } {
  let body = pattern;
  let f = flags;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (inline !== null) {
    for (const c of inline[1] ?? '') {
      if (c === 'i' || c === 'm' || c === 's') f += f.includes(c) ? '' : c;
      else if (c === 'x') return { error: `verbose regular expressions (?x) are not supported: ${pattern}` };
    }
    body = body.slice(inline[0].length);
  }
  body = body.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>');
  body = body.replace(/\\A/g, '^').replace(/\\Z/g, '$');
  try {
    return new RegExp(body, f);
  } catch (e) {
    return { error: `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}` };
  }
}

/** Python's match.expand(): \1, \g<1>, \g<name>, \n, \t, \\ ; other text is literal. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/gs, (whole, named: string | undefined, num: string | undefined, ch: string | undefined) => {
    if (named !== undefined) return (/^\d+$/.test(named) ? m[Number(named)] : m.groups?.[named]) ?? '';
    if (num !== undefined) return m[Number(num)] ?? '';
    if (ch === 'n') return '\n';
    if (ch === 't') return '\t';
    if (ch === 'r') return '\r';
    if (ch === '\\') return '\\';
    return whole;
  });
}
