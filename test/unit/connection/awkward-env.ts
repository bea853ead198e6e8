// Environment values that break naive encodings (line-based, escaped, shell-quoted); the
// connection tests pass all of them and compare what the program received, byte for byte.
export const AWKWARD_VALUES: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['spaces at both ends', '  both  '],
  ['a newline inside', 'a\nb'],
  ['only a newline', '\n'],
  ['trailing newlines', 'x\n\n'],
  ['a leading newline', '\nx'],
  ['quotes', `it's "quoted"`],
  ['shell syntax', '$HOME `id` $(id) ${1} * ; | & > < #'],
  ['backslashes and printf escapes', '\\ \\n \\c \\0101 %s %b %% \\'],
  ['equals signs', '=a=b='],
  ['tab, CR and control bytes', '\t\r\x01\x1b[0m\x7f'],
  ['option-like', '-n'],
  // € holds byte 0x82 and ā 0x81, bytes dash uses internally as markers.
  ['non-ASCII UTF-8', 'é € ā Ȉ 日本 🎉'],
  ['C1 controls', '\u0081\u0088\u009f'],
  ['long', 'v'.repeat(100_000)],
];

/** The table as an environment: V0, V1, … in table order. */
export function awkwardEnv(): Record<string, string> {
  return Object.fromEntries(AWKWARD_VALUES.map(([, v], i) => [`V${i}`, v]));
}

/** A program that prints its environment, its arguments and its stdin (base64) as JSON. */
export const REPORT_PROGRAM = [
  process.execPath,
  '-e',
  'const d=[];process.stdin.on("data",(c)=>d.push(c)).on("end",()=>process.stdout.write(JSON.stringify({env:process.env,argv:process.argv.slice(1),stdin:Buffer.concat(d).toString("base64")})))',
] as const;

export interface Report {
  readonly env: Record<string, string>;
  readonly argv: string[];
  readonly stdin: string;
}

export function parseReport(stdout: string | Buffer): Report {
  return JSON.parse(stdout.toString()) as Report;
}
