// Python's shlex.split in POSIX mode: quotes group words and are removed, a backslash escapes
// outside quotes and, inside double quotes, only '"' and '\\'. Ansible splits INI host lines with
// comments=True ('#' starts a comment even in the middle of a word), and the command module's
// free-form text, modprobe params and $EDITOR without. Each token keeps its start offset for
// error columns.

export interface ShlexToken {
  readonly text: string;
  readonly offset: number;
}

export type ShlexResult = { ok: true; tokens: ShlexToken[] } | { ok: false; message: string; offset: number };

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

export interface ShlexOptions {
  /** '#' outside quotes ends the line, as shlex.split(s, comments=True). */
  readonly comments?: boolean;
}

export function shlexSplit(line: string, options: ShlexOptions = {}): ShlexResult {
  const tokens: ShlexToken[] = [];
  let token = '';
  let start = -1; // offset of the current token, -1 between tokens
  let i = 0;
  const emit = (): void => {
    if (start >= 0) tokens.push({ text: token, offset: start });
    token = '';
    start = -1;
  };
  while (i < line.length) {
    const c = line[i] ?? '';
    if (WHITESPACE.has(c)) {
      emit();
      i++;
    } else if (c === '#' && options.comments === true) {
      break;
    } else if (c === "'" || c === '"') {
      if (start < 0) start = i;
      const close = readQuoted(line, i, c);
      if (typeof close === 'number') return { ok: false, message: 'no closing quotation', offset: close };
      token += close.text;
      i = close.next;
    } else if (c === '\\') {
      if (start < 0) start = i;
      if (i + 1 >= line.length) return { ok: false, message: 'no escaped character after a backslash', offset: i };
      token += line[i + 1] ?? '';
      i += 2;
    } else {
      if (start < 0) start = i;
      token += c;
      i++;
    }
  }
  emit();
  return { ok: true, tokens };
}

/** Reads a quoted run starting at `at`; returns the text and next offset, or the offset of an unclosed quote. */
function readQuoted(line: string, at: number, quote: string): { text: string; next: number } | number {
  let text = '';
  let i = at + 1;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (c === quote) return { text, next: i + 1 };
    // Inside double quotes a backslash only escapes '"' and '\'; elsewhere it is kept.
    if (quote === '"' && c === '\\' && i + 1 < line.length) {
      const n = line[i + 1] ?? '';
      text += n === '"' || n === '\\' ? n : c + n;
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  return at;
}
