// Small constructors for check outcomes that need no apply.
import type { CheckOutcome } from '../types.js';

export function fail<P = never>(msg: string, data?: Readonly<Record<string, unknown>>): CheckOutcome<P> {
  return { changed: false, final: { changed: false, failed: true, msg, ...(data === undefined ? {} : { data }) } };
}

export function unchanged<P = never>(data: Readonly<Record<string, unknown>>, msg?: string): CheckOutcome<P> {
  return { changed: false, final: { changed: false, ...(msg === undefined ? {} : { msg }), data } };
}

/** A result that is the same in check mode and in a real run (stat, setup, wait_for, uri GET). */
export function done<P = never>(result: { changed: boolean; failed?: boolean; msg?: string; data: Readonly<Record<string, unknown>> }): CheckOutcome<P> {
  return { changed: result.changed, final: result };
}
