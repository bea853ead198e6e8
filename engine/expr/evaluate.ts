// Tree-walking evaluator. Values are plain JavaScript data; Undefined flows
// through lookups and is rejected wherever a real value is needed (see
// undefined.ts). Nothing here can run code from the expression or the data.

import { getAttr, getItem } from './access.js';
import { bindArgs, type NamedArg, type Param } from './args.js';
import type { CallArgs, Expr } from './ast.js';
import { fail, toExprError, type ExprError } from './errors.js';
import { FILTERS } from './filters.js';
import { TESTS } from './is-tests.js';
import { arithmetic, compareValues, unary } from './operators.js';
import { strict, Undefined } from './undefined.js';
import { pythonTruthy, typeName } from './values.js';

export interface Scope {
  lookup(name: string): { found: true; value: unknown } | { found: false };
}

export type EvalResult = { ok: true; value: unknown } | { ok: false; error: ExprError };

export function evaluate(expr: Expr, scope: Scope): EvalResult {
  try {
    return { ok: true, value: strict(new Evaluator(scope).eval(expr)) };
  } catch (e) {
    return { ok: false, error: toExprError(e, expr.offset) };
  }
}

class Evaluator {
  constructor(private readonly scope: Scope) {}

  /** The value of `node`, which may be Undefined. */
  eval(node: Expr): unknown {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'name': {
        const r = this.scope.lookup(node.name);
        if (!r.found) return new Undefined(`'${node.name}' is undefined`, node.offset);
        return r.value === undefined ? null : r.value;
      }
      case 'list':
        return node.items.map((item) => this.value(item));
      case 'dict': {
        const out: Record<string, unknown> = {};
        for (const { key, value } of node.entries) {
          const k = this.value(key);
          if (typeof k !== 'string' && !(typeof k === 'number' && Number.isInteger(k))) {
            fail('EXPR_TYPE', `dictionary keys must be strings, got ${typeName(k)}`, key.offset);
          }
          // defineProperty keeps a key such as "__proto__" ordinary data.
          Object.defineProperty(out, String(k), { value: this.value(value), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'attr':
        return getAttr(this.eval(node.target), node.name, node.offset);
      case 'index': {
        const target = this.eval(node.target);
        return getItem(target, this.value(node.index), node.offset);
      }
      case 'not':
        return !pythonTruthy(this.value(node.operand));
      case 'unary':
        return unary(node.op, this.value(node.operand), node.offset);
      case 'and':
      case 'or':
        return this.logical(node.kind, node.operands);
      case 'compare': {
        // A chain `a < b < c` evaluates b once and stops at the first false link.
        let left = this.value(node.first);
        for (const link of node.rest) {
          const right = this.value(link.operand);
          if (!compareValues(link.op, left, right, link.offset)) return false;
          left = right;
        }
        return true;
      }
      case 'binary':
        return arithmetic(node.op, this.value(node.left), this.value(node.right), node.offset);
      case 'filter': {
        const def = FILTERS.get(node.name);
        if (def === undefined) return fail('EXPR_UNKNOWN_FILTER', `unknown filter '${node.name}'`, node.offset);
        const target = this.eval(node.target);
        const input = def.acceptsUndefined ? target : strict(target);
        return def.run(input, this.args(`filter '${node.name}'`, def.params, node.args, node.offset), node.offset);
      }
      case 'test': {
        const def = TESTS.get(node.name);
        if (def === undefined) return fail('EXPR_UNKNOWN_TEST', `unknown test '${node.name}'`, node.offset);
        const target = this.eval(node.target);
        const input = def.acceptsUndefined ? target : strict(target);
        const result = def.run(input, this.args(`test '${node.name}'`, def.params, node.args, node.offset), node.offset);
        return node.negated ? !result : result;
      }
    }
  }

  /** The value of `node`, which must be defined. */
  private value(node: Expr): unknown {
    return strict(this.eval(node));
  }

  // Python's and/or return the deciding operand, not a boolean.
  private logical(kind: 'and' | 'or', operands: readonly Expr[]): unknown {
    let last: unknown = null;
    for (const operand of operands) {
      last = this.value(operand);
      if (pythonTruthy(last) === (kind === 'or')) return last;
    }
    return last;
  }

  private args(what: string, params: readonly Param[], args: CallArgs, offset: number): unknown[] {
    const positional = args.positional.map((a) => this.value(a));
    const named: NamedArg[] = args.named.map((a) => ({ name: a.name, offset: a.offset, value: this.value(a.value) }));
    return bindArgs(what, params, positional, named, offset);
  }
}
