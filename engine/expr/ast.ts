// The typed syntax tree produced by the parser. Every node carries `offset`:
// the 0-based position of its key token in the source (the name, the
// operator, the opening bracket, the filter or test name), which is where
// evaluation errors about that node point.

export type Literal = string | number | boolean | null;

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';
export type ArithOp = '+' | '-' | '*' | '/' | '//' | '%' | '~';

export interface LiteralNode { readonly kind: 'literal'; readonly offset: number; readonly value: Literal }
export interface NameNode { readonly kind: 'name'; readonly offset: number; readonly name: string }
export interface ListNode { readonly kind: 'list'; readonly offset: number; readonly items: readonly Expr[] }
export interface DictEntry { readonly key: Expr; readonly value: Expr }
export interface DictNode { readonly kind: 'dict'; readonly offset: number; readonly entries: readonly DictEntry[] }
/** `a.b` (offset: the attribute name) and `a.0`. */
export interface AttrNode { readonly kind: 'attr'; readonly offset: number; readonly target: Expr; readonly name: string }
/** `a[i]` (offset: the `[`). */
export interface IndexNode { readonly kind: 'index'; readonly offset: number; readonly target: Expr; readonly index: Expr }
/** `not x` (offset: `not`). */
export interface NotNode { readonly kind: 'not'; readonly offset: number; readonly operand: Expr }
/** Unary `-x` / `+x`. */
export interface NegateNode { readonly kind: 'unary'; readonly offset: number; readonly op: '-' | '+'; readonly operand: Expr }
/** `a and b and c` / `a or b`: flattened so long chains do not nest deeply. */
export interface LogicalNode { readonly kind: 'and' | 'or'; readonly offset: number; readonly operands: readonly Expr[] }
/** A Python-style comparison chain: `1 < x <= 5` means `1 < x and x <= 5`. */
export interface CompareNode {
  readonly kind: 'compare';
  readonly offset: number;
  readonly first: Expr;
  readonly rest: readonly { readonly op: CompareOp; readonly offset: number; readonly operand: Expr }[];
}
export interface BinaryNode { readonly kind: 'binary'; readonly offset: number; readonly op: ArithOp; readonly left: Expr; readonly right: Expr }

/** Arguments of a filter or test call: positional, then `name=value`. */
export interface CallArgs {
  readonly positional: readonly Expr[];
  readonly named: readonly { readonly name: string; readonly offset: number; readonly value: Expr }[];
}
/** `x | name(args)` (offset: the filter name). */
export interface FilterNode { readonly kind: 'filter'; readonly offset: number; readonly target: Expr; readonly name: string; readonly args: CallArgs }
/** `x is [not] name(args)` (offset: the test name). */
export interface TestNode { readonly kind: 'test'; readonly offset: number; readonly target: Expr; readonly name: string; readonly negated: boolean; readonly args: CallArgs }

export type Expr =
  | LiteralNode
  | NameNode
  | ListNode
  | DictNode
  | AttrNode
  | IndexNode
  | NotNode
  | NegateNode
  | LogicalNode
  | CompareNode
  | BinaryNode
  | FilterNode
  | TestNode;

/** Direct sub-expressions of a node, in source order. */
export function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case 'literal':
    case 'name':
      return [];
    case 'list':
      return node.items;
    case 'dict':
      return node.entries.flatMap((e) => [e.key, e.value]);
    case 'attr':
      return [node.target];
    case 'index':
      return [node.target, node.index];
    case 'not':
    case 'unary':
      return [node.operand];
    case 'and':
    case 'or':
      return node.operands;
    case 'compare':
      return [node.first, ...node.rest.map((r) => r.operand)];
    case 'binary':
      return [node.left, node.right];
    case 'filter':
    case 'test':
      return [node.target, ...node.args.positional, ...node.args.named.map((n) => n.value)];
  }
}
