// Comparison, membership and arithmetic with Python semantics. Operands have
// already been checked for undefined; type mismatches are EXPR_TYPE errors
// pointing at the operator.

import type { ArithOp, CompareOp } from './ast.js';
import { fail } from './errors.js';
import { compare, equals, isMapping, kindOf, pyStr, typeName } from './values.js';

export function compareValues(op: CompareOp, left: unknown, right: unknown, offset: number): boolean {
  switch (op) {
    case '==': return equals(left, right);
    case '!=': return !equals(left, right);
    case 'in': return contains(right, left, offset);
    case 'not in': return !contains(right, left, offset);
    default: {
      const c = compare(left, right);
      if (c === undefined) {
        fail('EXPR_TYPE', `'${op}' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`, offset,
          kindOf(left) === 'string' || kindOf(right) === 'string' ? 'convert with | int or | float before comparing numbers' : undefined);
      }
      switch (op) {
        case '<': return c < 0;
        case '<=': return c <= 0;
        case '>': return c > 0;
        case '>=': return c >= 0;
      }
    }
  }
}

/** `item in container`: substring, list element, or mapping key. */
export function contains(container: unknown, item: unknown, offset: number): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      fail('EXPR_TYPE', `'in <string>' requires string as left operand, not ${typeName(item)}`, offset, 'convert with | string');
    }
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x: unknown) => equals(x, item));
  if (isMapping(container)) return typeof item === 'string' && Object.hasOwn(container, item);
  return fail('EXPR_TYPE', `argument of type '${typeName(container)}' is not iterable`, offset);
}

export function arithmetic(op: ArithOp, left: unknown, right: unknown, offset: number): unknown {
  if (op === '~') return pyStr(left) + pyStr(right);
  if (typeof left === 'number' && typeof right === 'number') return numeric(op, left, right, offset);
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (op === '+' && Array.isArray(left) && Array.isArray(right)) return [...(left as unknown[]), ...(right as unknown[])];
  return fail('EXPR_TYPE', `unsupported operand types for ${op}: '${typeName(left)}' and '${typeName(right)}'`, offset,
    op === '+' ? 'use ~ to join values as text' : undefined);
}

function numeric(op: ArithOp, a: number, b: number, offset: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    default: {
      if (b === 0) fail('EXPR_TYPE', 'division by zero', offset);
      if (op === '/') return a / b;
      if (op === '//') return Math.floor(a / b);
      // Python's % takes the sign of the divisor.
      const r = a % b;
      return r !== 0 && r < 0 !== b < 0 ? r + b : r;
    }
  }
}

export function unary(op: '-' | '+', v: unknown, offset: number): number {
  if (typeof v !== 'number') fail('EXPR_TYPE', `bad operand type for unary ${op}: '${typeName(v)}'`, offset);
  return op === '-' ? -v : v;
}
