// kubectl's JSONPath templates: {.a.b}, [n], [*], [start:end],
// [?(@.x=="y")], ['key.with.dots'], escaped dots, ..name, {range}…{end},
// and quoted literals like {"\n"}. Missing keys print nothing, as kubectl
// get allows missing keys.

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number }
  | { readonly kind: 'all' }
  | { readonly kind: 'recurse'; readonly name: string }
  | { readonly kind: 'filter'; readonly path: Step[]; readonly op?: string; readonly value?: unknown };

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expr'; readonly steps: Step[] }
  | { readonly kind: 'range'; readonly steps: Step[]; readonly body: Node[] };

export class JsonPathError extends Error {}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^".*"$/.test(t)) return JSON.parse(t) as string;
  if (/^'.*'$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

export function parsePath(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const s = text.trim().replace(/^[$@]/, '');
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      const match = /^\.\.([\w-]+)/.exec(s.slice(i));
      if (!match) throw new JsonPathError(`unrecognized identifier in ${text}`);
      steps.push({ kind: 'recurse', name: match[1] ?? '' });
      i += match[0].length;
    } else if (s[i] === '.') {
      let name = '';
      i++;
      while (i < s.length && s[i] !== '.' && s[i] !== '[') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        name += s[i];
        i++;
      }
      if (name !== '') steps.push(name === '*' ? { kind: 'all' } : { kind: 'field', name });
    } else if (s[i] === '[') {
      const end = matchingBracket(s, i);
      steps.push(parseBracket(s.slice(i + 1, end), text));
      i = end + 1;
    } else throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(s[i])} in ${text}`);
  }
  return steps;
}

function matchingBracket(s: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  throw new JsonPathError('unclosed array expect ]');
}

function parseBracket(inner: string, text: string): Step {
  const body = inner.trim();
  if (body === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(body)) return { kind: 'index', index: Number(body) };
  if (/^'.*'$|^".*"$/.test(body)) return { kind: 'field', name: body.slice(1, -1) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(body);
  if (slice) return { kind: 'slice', ...(slice[1] ? { start: Number(slice[1]) } : {}), ...(slice[2] ? { end: Number(slice[2]) } : {}) };
  const filter = /^\?\((.*)\)$/.exec(body);
  if (filter) {
    const cond = /^(@[^=!<>]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec((filter[1] ?? '').trim());
    if (cond) return { kind: 'filter', path: parsePath(cond[1] ?? '@'), op: cond[2] ?? '==', value: parseLiteral(cond[3] ?? '') };
    return { kind: 'filter', path: parsePath((filter[1] ?? '@').trim()) };
  }
  throw new JsonPathError(`invalid array index ${body} in ${text}`);
}

function apply(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (step.kind === 'field') {
      if (value && typeof value === 'object' && !Array.isArray(value) && step.name in value) out.push((value as Record<string, unknown>)[step.name]);
    } else if (step.kind === 'all') {
      if (Array.isArray(value)) out.push(...(value as unknown[]));
      else if (value && typeof value === 'object') out.push(...(Object.values(value) as unknown[]));
    } else if (step.kind === 'index') {
      if (Array.isArray(value)) {
        const item: unknown = value[step.index < 0 ? value.length + step.index : step.index];
        if (item !== undefined) out.push(item);
      }
    } else if (step.kind === 'slice') {
      if (Array.isArray(value)) out.push(...(value as unknown[]).slice(step.start ?? 0, step.end ?? value.length));
    } else if (step.kind === 'recurse') {
      collect(value, step.name, out);
    } else {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) if (matches(item, step)) out.push(item);
    }
  }
  return out;
}

function collect(value: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(value)) for (const v of value) collect(v, name, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === name) out.push(v);
      collect(v, name, out);
    }
  }
}

function matches(item: unknown, step: Extract<Step, { kind: 'filter' }>): boolean {
  const found = evaluate(step.path, item);
  if (step.op === undefined) return found.length > 0;
  const left = found[0];
  const right = step.value;
  switch (step.op) {
    case '==':
      return left === right || String(left) === String(right);
    case '!=':
      return left !== right && String(left) !== String(right);
    case '<':
      return Number(left) < Number(right);
    case '>':
      return Number(left) > Number(right);
    case '<=':
      return Number(left) <= Number(right);
    default:
      return Number(left) >= Number(right);
  }
}

export function evaluate(steps: readonly Step[], root: unknown): unknown[] {
  return steps.reduce<unknown[]>((values, step) => apply(values, step), [root]);
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ steps: Step[]; body: Node[] }> = [];
  const current = (): Node[] => stack[stack.length - 1]?.body ?? root;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      current().push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) current().push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action.startsWith('range ')) stack.push({ steps: parsePath(action.slice(6)), body: [] });
    else if (action === 'end') {
      const done = stack.pop();
      if (!done) throw new JsonPathError('not in range, nothing to end');
      current().push({ kind: 'range', steps: done.steps, body: done.body });
    } else if (/^".*"$|^'.*'$/.test(action)) current().push({ kind: 'text', text: String(parseLiteral(action)) });
    else current().push({ kind: 'expr', steps: parsePath(action) });
  }
  if (stack.length > 0) throw new JsonPathError('unclosed range');
  return root;
}

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function render(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'expr') out += evaluate(node.steps, data).map(format).join(' ');
    else for (const item of evaluate(node.steps, data)) out += render(node.body, item);
  }
  return out;
}

/** Renders a kubectl -o jsonpath template (with or without braces) against data. */
export function jsonpath(template: string, data: unknown): string {
  const text = template.includes('{') ? template : `{${template}}`;
  return render(parseTemplate(text), data);
}
