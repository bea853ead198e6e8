// A scripted connection for decision tables: answers each exec from a list of rules
// (first match wins) and records every argv, so tests assert what a module asks and runs.
import type { Connection, ExecOptions, ExecResult } from '../../../../engine/modules/types.js';

export interface Rule {
  /** Matches when every string occurs in the joined argv (or the regexp matches it). */
  readonly match: readonly string[] | RegExp;
  readonly result: Partial<ExecResult>;
}

export interface FakeConnection extends Connection {
  readonly calls: { argv: readonly string[]; opts: ExecOptions | undefined }[];
  /** The argv of each call with sh scripts shortened to their last argument list. */
  commands(): string[][];
}

export function fakeConnection(rules: readonly Rule[]): FakeConnection {
  const calls: { argv: readonly string[]; opts: ExecOptions | undefined }[] = [];
  return {
    host: 'fake',
    calls,
    async exec(argv, opts) {
      calls.push({ argv, opts });
      const joined = argv.join(' ');
      const rule = rules.find((r) => (r.match instanceof RegExp ? r.match.test(joined) : r.match.every((m) => joined.includes(m))));
      if (rule === undefined) return { rc: 99, stdout: '', stderr: `no fake answer for: ${joined}` };
      return { rc: 0, stdout: '', stderr: '', ...rule.result };
    },
    async put() {
      throw new Error('put is not used by modules');
    },
    async get() {
      return undefined;
    },
    commands() {
      return calls.map((c) => (c.argv[0] === '/bin/sh' && c.argv[1] === '-c' ? ['sh', ...c.argv.slice(4)] : [...c.argv]));
    },
  };
}

/** What the shared `probe` sh function prints for a regular file (or `absent`). */
export function probeOutput(file?: { sha256?: string; sha1?: string; content?: string; mode?: number }): string {
  if (file === undefined) return 'absent\n';
  const mode = (file.mode ?? 0o644).toString(8);
  const head = `present\t81a4\t${mode}\t0\t0\t${file.content?.length ?? 0}\troot\troot\t1\t1\t1\t1\t1\t1\trw\t\n`;
  const sums = [file.sha1 === undefined ? '' : `sum\tsha1\t${file.sha1}\n`, file.sha256 === undefined ? '' : `sum\tsha256\t${file.sha256}\n`].join('');
  return `${head}${sums}${file.content === undefined ? 'end\n' : `content\n${file.content}`}`;
}
