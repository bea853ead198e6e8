// Checks that need the whole play: notify names that match no handler, and conditions that do
// not parse. Run at load time so --syntax-check reports them with their positions.
import type { DiagnosticCode } from '../errors/codes.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { closest } from '../errors/suggest.js';
import { parseExpression } from '../expr/index.js';
import type { Condition, PlayDef, TaskDef, TaskNode } from '../model/types.js';
import { flattenTasks } from '../plan/plan.js';

export function checkPlay(play: PlayDef): Diagnostic[] {
  const out: Diagnostic[] = [];
  const handlerNames = new Set(play.handlers.flatMap((h) => [h.name, ...h.listen].filter((n): n is string => n !== undefined)));
  const nodes: TaskNode[] = [...play.pre_tasks, ...play.roles, ...play.tasks, ...play.post_tasks, ...play.handlers];
  for (const t of flattenTasks(nodes)) {
    t.notify.forEach((n, i) => {
      if (handlerNames.has(n)) return;
      const hint = closest(n, handlerNames);
      // ['notify', i] falls back to the `notify:` value itself when it is a single string.
      out.push(t.origin.at(['notify', i], 'HANDLER_NOT_FOUND', `no handler named '${n}' in this play`, hint ? `did you mean '${hint}'?` : undefined));
    });
    for (const key of ['when', 'changed_when', 'failed_when', 'until'] as const) out.push(...checkConditions(t, key));
  }
  for (const b of blocks(nodes)) {
    b.when.forEach((c, i) => out.push(...checkCondition(c, (code, msg, hint) => b.origin.at(['when', i], code, msg, hint))));
  }
  return out;
}

function checkConditions(t: TaskDef, key: 'when' | 'changed_when' | 'failed_when' | 'until'): Diagnostic[] {
  const list = t[key];
  if (!list) return [];
  return list.flatMap((c, i) => checkCondition(c, (code, msg, hint) => t.origin.at([key, i], code, msg, hint)));
}

function checkCondition(c: Condition, at: (code: DiagnosticCode, msg: string, hint?: string) => Diagnostic): Diagnostic[] {
  if (typeof c !== 'string' || c.trim() === '') return [];
  const r = parseExpression(c);
  if (r.ok) return [];
  return [at(r.error.code, `${r.error.message} (in '${c}' at offset ${r.error.offset})`, r.error.hint)];
}

function blocks(nodes: readonly TaskNode[]): Extract<TaskNode, { kind: 'block' }>[] {
  return nodes.flatMap((n) => (n.kind === 'block' ? [n, ...blocks(n.block), ...blocks(n.rescue), ...blocks(n.always)] : []));
}
