// Finding the expression behind an error in a template's syntax tree, to quote it or name it.

import type { Where } from './failure.js';

type Node = hbs.AST.Node & { readonly loc?: hbs.AST.SourceLocation };

function startsAt(node: Node, where: Where): boolean {
  const start = node.loc?.start;
  return start !== undefined && start.line === where.line && start.column + 1 === where.col;
}

function children(node: object): object[] {
  const out: object[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value)) {
      out.push(value as object);
      continue;
    }
    for (const item of value) if (typeof item === 'object' && item !== null) out.push(item as object);
  }
  return out;
}

/** Every node starting at `where`, outermost first. */
export function nodesAt(ast: hbs.AST.Program, where: Where): Node[] {
  const found: Node[] = [];
  const visit = (node: object): void => {
    if (typeof (node as { type?: unknown }).type === 'string' && startsAt(node as Node, where)) found.push(node as Node);
    for (const child of children(node)) visit(child);
  };
  visit(ast);
  return found;
}

type Call = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement;

/** The call of helper `name` that starts at `where`. */
export function callAt(ast: hbs.AST.Program, where: Where, name: string): Call | undefined {
  return nodesAt(ast, where).find((n): n is Call => {
    if (n.type !== 'MustacheStatement' && n.type !== 'SubExpression' && n.type !== 'BlockStatement') return false;
    const path = (n as Call).path;
    return path.type === 'PathExpression' && (path as hbs.AST.PathExpression).original === name;
  });
}

/** The template text a node covers (handlebars lines are 1-based, columns 0-based). */
export function sourceOf(text: string, node: Node): string | undefined {
  const loc = node.loc;
  if (loc === undefined) return undefined;
  const lines = text.split('\n');
  const offset = (line: number, column: number): number => {
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += (lines[i]?.length ?? 0) + 1;
    return at + column;
  };
  return text.slice(offset(loc.start.line, loc.start.column), offset(loc.end.line, loc.end.column));
}
