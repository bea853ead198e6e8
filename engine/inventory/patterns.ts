// Ansible's host patterns: `all`/`*`, names, globs, `~regex`, `a:b`/`a,b` unions, `&` intersections,
// `!` exclusions (applied in that order, whatever the order written), and `[i]`, `[i:j]` subscripts.
import type { DiagnosticCode } from '../errors/codes.js';
import { diagnostic, type Diagnostic } from '../errors/diagnostic.js';
import { fnmatchRegExp } from '../text/fnmatch.js';
import { closest } from '../errors/suggest.js';
import { parseAddress } from './host-range.js';
import { LOCALHOST_NAMES, type Inventory, type SelectResult } from './model.js';

/** One pattern term; `at` places its diagnostics (e.g. at a line of a limit file). */
export interface PatternTerm {
  readonly text: string;
  readonly at?: (code: DiagnosticCode, message: string, hint?: string) => Diagnostic;
}

const SUBSCRIPT = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/;
const COLON_PARTS = /(?:[^\s:[\]]|\[[^\]]*\])+/g;

/**
 * Splits a pattern string into terms: on commas if there are any; otherwise the whole string when
 * it is one address (IPv6, `host:port`, a range), else on colons, keeping `[..]` intact.
 */
export function splitPattern(pattern: string): string[] {
  let parts: string[];
  if (pattern.includes(',')) parts = pattern.split(',');
  else if (parseAddress(pattern.trim())) parts = [pattern];
  else parts = pattern.match(COLON_PARTS) ?? [];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Regular terms, then `&` terms, then `!` terms; only modifiers means "all" plus them. */
export function orderTerms(terms: readonly PatternTerm[]): PatternTerm[] {
  const regular = terms.filter((t) => t.text !== '' && t.text[0] !== '!' && t.text[0] !== '&');
  const and = terms.filter((t) => t.text[0] === '&');
  const not = terms.filter((t) => t.text[0] === '!');
  return [...(regular.length > 0 ? regular : [{ text: 'all' }]), ...and, ...not];
}

/** Hosts matching a pattern (a play's `hosts:`; a YAML list is also accepted), in Ansible's order. */
export function selectHosts(inv: Inventory, pattern: string | readonly string[]): SelectResult {
  const parts = typeof pattern === 'string' ? splitPattern(pattern) : pattern.flatMap(splitPattern);
  if (parts.length === 0) return { ok: false, diagnostics: [diagnostic('PATTERN_EMPTY', 'the host pattern is empty')], warnings: [] };
  return evaluateTerms(inv, parts.map((text) => ({ text })));
}

export function evaluateTerms(inv: Inventory, terms: readonly PatternTerm[]): SelectResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  let hosts: string[] = [];
  for (const term of orderTerms(terms)) {
    const p = term.text;
    if (inv.hosts.has(p)) {
      hosts.push(p);
      continue;
    }
    const that = matchOne(inv, term, errors, warnings);
    const set = new Set(that);
    if (p[0] === '!') hosts = hosts.filter((h) => !set.has(h));
    else if (p[0] === '&') hosts = hosts.filter((h) => set.has(h));
    else {
      const existing = new Set(hosts);
      hosts.push(...that.filter((h) => !existing.has(h)));
    }
  }
  if (errors.length > 0) return { ok: false, diagnostics: errors, warnings };
  return { ok: true, hosts: [...new Set(hosts)], warnings };
}

function matchOne(inv: Inventory, term: PatternTerm, errors: Diagnostic[], warnings: Diagnostic[]): string[] {
  const report = (code: DiagnosticCode, message: string, hint?: string): Diagnostic =>
    term.at ? term.at(code, message, hint) : diagnostic(code, message, hint);
  const pattern = /^[&!]/.test(term.text) ? term.text.slice(1) : term.text;
  if (pattern === '') {
    errors.push(report('PATTERN_EMPTY', `'${term.text}' needs a name after '${term.text}'`));
    return [];
  }
  let expr = pattern;
  let sub: [number, number | undefined] | undefined;
  const m = pattern.startsWith('~') ? null : SUBSCRIPT.exec(pattern);
  if (m) {
    expr = m[1] ?? '';
    if (m[2] !== undefined) sub = [Number(m[2]), undefined];
    else sub = [Number(m[3]), m[5] ? Number(m[5]) : -1];
    if (m[4] === '-') warnings.push(report('PATTERN_DASH_SUBSCRIPT', `'${pattern}': write subscripts as [x:y], not [x-y]`));
  }
  const matcher = compile(expr);
  if (typeof matcher === 'string') {
    errors.push(report('PATTERN_INVALID_REGEX', `invalid regular expression in '${pattern}': ${matcher}`));
    return [];
  }
  const results: string[] = [];
  const groups = [...inv.groups.keys()].filter((g) => matcher.test(g));
  for (const g of groups) results.push(...groupHosts(inv, g));
  const special = expr.startsWith('~') || /[.?*[]/.test(expr);
  if (groups.length === 0 || special) results.push(...[...inv.hosts.keys()].filter((h) => matcher.test(h)));
  if (results.length === 0 && LOCALHOST_NAMES.includes(expr)) results.push(localhostFor(inv, expr));
  if (results.length === 0 && groups.length === 0 && expr !== 'all') {
    const guess = closest(expr, [...inv.groups.keys(), ...inv.hosts.keys()]);
    warnings.push(report('PATTERN_NO_MATCH', `'${expr}' matches no host or group`, guess ? `did you mean '${guess}'?` : undefined));
  }
  if (!sub || results.length === 0) return results;
  const [start, end] = sub;
  if (end) {
    // Inclusive, as Ansible's [x:y]; [x:] runs to the end.
    return results.slice(start, (end === -1 ? results.length - 1 : end) + 1);
  }
  const idx = start < 0 ? results.length + start : start;
  const one = results[idx];
  if (one === undefined) {
    errors.push(report('PATTERN_SUBSCRIPT', `'${pattern}': index ${start} is out of range; '${expr}' has ${results.length} host(s)`));
    return [];
  }
  return [one];
}

/** A glob (fnmatch, whole name) or, after `~`, a regular expression matched from the start. */
function compile(expr: string): RegExp | string {
  try {
    if (expr.startsWith('~')) return new RegExp(`^(?:${expr.slice(1).replace(/\(\?P</g, '(?<')})`);
    return fnmatchRegExp(expr);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Hosts of a group and of its descendants: the group's own first, then child groups breadth
 * first, each host once. 'all' lists every host.
 */
export function groupHosts(inv: Inventory, name: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>([name]);
  let level = [name];
  while (level.length > 0) {
    const next: string[] = [];
    for (const g of level) {
      const group = inv.groups.get(g);
      for (const h of group?.hosts ?? []) out.add(h);
      for (const c of group?.children ?? []) {
        if (!seen.has(c)) {
          seen.add(c);
          next.push(c);
        }
      }
    }
    level = next;
  }
  return [...out];
}

/** The host a localhost name resolves to: the inventory's first localhost-like host, else itself (implicit). */
export function localhostFor(inv: Inventory, name: string): string {
  for (const h of inv.hosts.keys()) if (LOCALHOST_NAMES.includes(h)) return h;
  return name;
}
