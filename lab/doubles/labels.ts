// Label selectors: the -l syntax (a=b,c!=d,e in (x,y),!f) and the
// matchLabels/matchExpressions form used by workloads and Services.
import type { Labels, LabelSelector, LabelSelectorRequirement } from './k8s-types.js';

export type Requirement = LabelSelectorRequirement;

export class SelectorError extends Error {}

export function parseSelector(text: string): Requirement[] {
  const out: Requirement[] = [];
  for (const part of splitOutsideParens(text)) {
    const term = part.trim();
    if (term === '') continue;
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const values = (match[3] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      out.push({ key: match[1] ?? '', operator: match[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term))) {
      out.push({ key: match[1] ?? '', operator: match[2] === '!=' ? 'NotIn' : 'In', values: [match[3] ?? ''] });
    } else if ((match = /^!([\w./-]+)$/.exec(term))) {
      out.push({ key: match[1] ?? '', operator: 'DoesNotExist' });
    } else if ((match = /^([\w./-]+)$/.exec(term))) {
      out.push({ key: match[1] ?? '', operator: 'Exists' });
    } else {
      throw new SelectorError(`unable to parse requirement: ${JSON.stringify(term)}`);
    }
  }
  return out;
}

function splitOutsideParens(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function matchesRequirement(labels: Labels | undefined, req: Requirement): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels?.[req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value ?? '');
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number(req.values?.[0]);
    case 'Lt':
      return has && Number(value) < Number(req.values?.[0]);
    default:
      return false;
  }
}

export function matchesAll(labels: Labels | undefined, reqs: readonly Requirement[]): boolean {
  return reqs.every((req) => matchesRequirement(labels, req));
}

export function selectorRequirements(selector: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  return [...reqs, ...(selector?.matchExpressions ?? [])];
}

/** A workload selector; an empty one matches nothing, as the API server treats it. */
export function matchesLabelSelector(labels: Labels | undefined, selector: LabelSelector | undefined): boolean {
  const reqs = selectorRequirements(selector);
  return reqs.length > 0 && matchesAll(labels, reqs);
}

/** A Service's plain map selector. */
export function matchesMap(labels: Labels | undefined, selector: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
