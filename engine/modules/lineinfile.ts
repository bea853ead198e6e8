// lineinfile: one line present (replacing the last line that matches `regexp` or contains
// `search_string`, else inserted after/before a match, at BOF or EOF) or absent. The edit is
// Ansible's algorithm as a pure function over the file text; the file is read and written
// with one round trip each.
import { defineModule } from './types.js';
import { applyFile, type FilePlan } from './support/desired-file.js';
import { fail } from './support/outcome.js';
import { expandTemplate, toRegExp } from './support/py-regex.js';
import { bool, enumOf, fileAttrs, objectSchema, pick, str } from './support/schema.js';
import { checkText, type TextEdit } from './support/text-file.js';

export interface LineArgs {
  readonly path?: string;
  readonly dest?: string;
  readonly destfile?: string;
  readonly name?: string;
  readonly line?: string;
  readonly value?: string;
  readonly regexp?: string;
  readonly regex?: string;
  readonly search_string?: string;
  readonly state?: 'present' | 'absent';
  readonly insertafter?: string;
  readonly insertbefore?: string;
  readonly create?: boolean;
  readonly backup?: boolean;
  readonly backrefs?: boolean;
  readonly firstmatch?: boolean;
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

export interface LineSpec {
  readonly line?: string | undefined;
  readonly regexp?: string | undefined;
  readonly search_string?: string | undefined;
  readonly state: 'present' | 'absent';
  readonly insertafter?: string | undefined;
  readonly insertbefore?: string | undefined;
  readonly backrefs?: boolean | undefined;
  readonly firstmatch?: boolean | undefined;
}

const strip = (l: string): string => l.replace(/[\r\n]+$/, '');

export function splitKeepEnds(text: string): string[] {
  return text === '' ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

/** The new text for `spec`, or the text unchanged with msg ''. */
export function editLines(text: string, spec: LineSpec): TextEdit | { error: string } {
  const lines = splitKeepEnds(text);
  const re = spec.regexp === undefined ? undefined : toRegExp(spec.regexp);
  if (re !== undefined && !(re instanceof RegExp)) return re;
  const matches = (l: string): RegExpExecArray | boolean | null =>
    re !== undefined ? re.exec(strip(l)) : spec.search_string !== undefined ? l.includes(spec.search_string) : false;

  if (spec.state === 'absent') {
    const kept = lines.filter((l) => !(re !== undefined || spec.search_string !== undefined ? matches(l) : strip(l) === spec.line));
    const n = lines.length - kept.length;
    return { text: kept.join(''), msg: n > 0 ? `${n} line(s) removed` : '' };
  }
  const line = spec.line ?? '';
  const insRe = spec.insertafter !== undefined && spec.insertafter !== 'BOF' && spec.insertafter !== 'EOF' ? spec.insertafter : spec.insertbefore !== undefined && spec.insertbefore !== 'BOF' ? spec.insertbefore : undefined;
  const ins = insRe === undefined ? undefined : toRegExp(insRe);
  if (ins !== undefined && !(ins instanceof RegExp)) return ins;

  let found = -1;
  let insertAt = -1;
  let match: RegExpExecArray | null = null;
  for (const [i, l] of lines.entries()) {
    const m = matches(l);
    if (m !== false && m !== null) {
      found = i;
      if (m !== true) match = m;
      if (spec.firstmatch === true) break;
    }
  }
  if (found < 0) {
    for (const [i, l] of lines.entries()) {
      if (strip(l) === line) {
        found = i;

      } else if (ins?.test(strip(l)) === true) {
        insertAt = spec.insertafter !== undefined ? i + 1 : i;
        if (spec.firstmatch === true) break;
      }
    }
  }
  const withEol = (l: string): string => (l.endsWith('\n') ? l : `${l}\n`);
  const out = [...lines];
  const result = (msg: string): TextEdit => ({ text: out.join(''), msg });
  const ensureLastEol = (): void => {
    const last = out[out.length - 1];
    if (last !== undefined && !last.endsWith('\n')) out[out.length - 1] = `${last}\n`;
  };

  if (found >= 0) {
    const newLine = withEol(spec.backrefs === true && match !== null ? expandTemplate(line, match) : line);
    if (out[found] === newLine) return result('');
    out[found] = newLine;
    return result('line replaced');
  }
  // Without a match there is nothing to expand \1 with: leave the file alone.
  if (spec.backrefs === true) return result('');
  if (spec.insertbefore === 'BOF' || spec.insertafter === 'BOF') {
    out.unshift(withEol(line));
    return result('line added');
  }
  if (spec.insertafter === 'EOF' || insertAt < 0) {
    ensureLastEol();
    out.push(withEol(line));
    return result('line added');
  }
  // Do not insert a line that is already next to the anchor.
  const neighbour = spec.insertafter !== undefined ? out[insertAt] : out[insertAt - 1];
  if (spec.insertafter !== undefined && insertAt === out.length && strip(out[insertAt - 1] ?? '') === line) return result('');
  if (neighbour !== undefined && strip(neighbour) === line && spec.insertafter !== undefined) return result('');
  if (spec.insertafter !== undefined) ensureLastEol();
  out.splice(insertAt, 0, withEol(line));
  return result('line added');
}

export const lineinfile = defineModule<LineArgs, FilePlan>({
  name: 'lineinfile',
  schema: objectSchema(
    {
      path: str,
      line: str,
      regexp: str,
      search_string: str,
      state: { ...enumOf('present', 'absent'), default: 'present' },
      insertafter: str,
      insertbefore: str,
      create: { ...bool, default: false },
      backup: { ...bool, default: false },
      backrefs: { ...bool, default: false },
      firstmatch: { ...bool, default: false },
      ...fileAttrs,
    },
    { aliases: { dest: 'path', destfile: 'path', name: 'path', value: 'line', regex: 'regexp' } },
  ),
  async check(args, ctx) {
    const path = pick(args.path, args.dest, args.destfile, args.name);
    if (path === undefined) return fail('path is required');
    const state = args.state ?? 'present';
    const spec: LineSpec = { ...args, line: pick(args.line, args.value), regexp: pick(args.regexp, args.regex), state };
    if (state === 'present' && spec.line === undefined) return fail('line is required with state=present');
    if (state === 'absent' && spec.line === undefined && spec.regexp === undefined && spec.search_string === undefined) {
      return fail('one of line, regexp or search_string is required with state=absent');
    }
    if (spec.regexp !== undefined && spec.search_string !== undefined) return fail('regexp and search_string are mutually exclusive');
    if (args.insertafter !== undefined && args.insertbefore !== undefined) return fail('insertafter and insertbefore are mutually exclusive');
    if (args.backrefs === true && spec.regexp === undefined) return fail('regexp is required with backrefs=true');
    return checkText(ctx, { path, attrs: args, backup: args.backup }, (before) => {
      if (before === undefined) {
        if (state === 'absent') return undefined;
        if (args.create !== true) return { error: `Destination ${path} does not exist !` };
        if (args.backrefs === true) return undefined;
      }
      const r = editLines(before ?? '', spec);
      if ('error' in r) return r;
      return before === undefined ? { text: r.text, msg: 'line added' } : r;
    });
  },
  async apply(_args, ctx, outcome) {
    return applyFile(ctx, outcome, outcome.plan?.msg === undefined ? {} : { msg: outcome.plan.msg }, 'backup');
  },
});
