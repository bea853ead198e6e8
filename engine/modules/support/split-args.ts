// POSIX shell word splitting (quotes and backslashes, no expansion) for `command: ls -l "a b"`,
// and extraction of Ansible's free-form options (`creates=… chdir=…`) from a command line.

export interface Word {
  readonly value: string;
  /** Offsets of the word in the source text, for removing it from a shell script. */
  readonly start: number;
  readonly end: number;
}

export function splitWords(text: string): Word[] | { error: string } {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    while (i < text.length && !/\s/.test(text[i] ?? '')) {
      const c = text[i] ?? '';
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) return { error: `unterminated ' quote in: ${text}` };
        value += text.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1] ?? '')) i++;
          value += text[i];
          i++;
        }
        if (i >= text.length) return { error: `unterminated " quote in: ${text}` };
        i++;
      } else if (c === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    words.push({ value, start, end: i });
  }
  return words;
}

/**
 * Takes `key=value` words for the given keys out of a free-form command line, as Ansible does
 * for `command: make creates=/opt/app chdir=/src`. Returns the remaining text unchanged otherwise.
 */
export function extractFreeForm(
  text: string,
  keys: readonly string[],
): { rest: string; params: Record<string, string> } | { error: string } {
  const words = splitWords(text);
  if ('error' in words) return words;
  const params: Record<string, string> = {};
  let rest = '';
  let from = 0;
  for (const w of words) {
    const raw = text.slice(w.start, w.end);
    const eq = raw.indexOf('=');
    const key = eq > 0 ? raw.slice(0, eq) : '';
    if (keys.includes(key) && /^[a-z_]+$/.test(key)) {
      params[key] = w.value.slice(key.length + 1);
      rest += text.slice(from, w.start);
      from = w.end;
    }
  }
  rest += text.slice(from);
  return { rest: rest.trim(), params };
}
