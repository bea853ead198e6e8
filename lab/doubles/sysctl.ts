// sysctl with procps' options and output: key reads, -w, -p FILE, --system.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { processIo, type Io } from './cli-args.js';
import { readText } from './fs-atomic.js';
import { hostPath, isMain } from './lab-env.js';
import { normalizeKey, readKey, writeKey } from './sysctl-keys.js';

/** procps' --system order; a file name seen earlier hides the same name later. */
const SYSTEM_DIRS = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];

interface Options {
  quiet: boolean;
  valuesOnly: boolean;
  ignoreUnknown: boolean;
}

export function sysctl(argv: readonly string[], io: Io): number {
  const opts: Options = { quiet: false, valuesOnly: false, ignoreUnknown: false };
  const files: string[] = [];
  const words: string[] = [];
  let system = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-q' || arg === '--quiet') opts.quiet = true;
    else if (arg === '-n' || arg === '--values') opts.valuesOnly = true;
    else if (arg === '-e' || arg === '--ignore') opts.ignoreUnknown = true;
    else if (arg === '-w' || arg === '--write') continue;
    else if (arg === '--system') system = true;
    else if (arg === '-p' || arg === '--load') files.push(argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('-') ? (argv[++i] ?? '') : '/etc/sysctl.conf');
    else if (arg.startsWith('-p')) files.push(arg.slice(2));
    else if (arg.startsWith('--load=')) files.push(arg.slice('--load='.length));
    else if (arg.startsWith('-') && arg.length > 1) {
      io.err(`sysctl: invalid option -- '${arg.replace(/^-+/, '')}'\n`);
      return 2;
    } else words.push(arg);
  }
  let code = 0;
  if (system) {
    for (const file of systemFiles()) {
      io.out(`* Applying ${file} ...\n`);
      code = Math.max(code, applyFile(file, opts, io));
    }
    if (readText(hostPath('/etc/sysctl.conf')) !== undefined) {
      io.out('* Applying /etc/sysctl.conf ...\n');
      code = Math.max(code, applyFile('/etc/sysctl.conf', opts, io));
    }
  }
  for (const file of files) code = Math.max(code, applyFile(file, opts, io));
  for (const word of words) {
    const eq = word.indexOf('=');
    code = Math.max(code, eq > 0 ? assign(word.slice(0, eq).trim(), word.slice(eq + 1).trim(), false, opts, io) : show(word, opts, io));
  }
  if (!system && files.length === 0 && words.length === 0) {
    io.err('sysctl: no variables specified\nTry `sysctl --help\' for more information.\n');
    return 1;
  }
  return code;
}

function systemFiles(): string[] {
  const chosen = new Map<string, string>();
  for (const dir of SYSTEM_DIRS) {
    let entries: string[] = [];
    try {
      entries = readdirSync(hostPath(dir));
    } catch {
      continue;
    }
    for (const entry of entries) if (entry.endsWith('.conf') && !chosen.has(entry)) chosen.set(entry, join(dir, entry));
  }
  return [...chosen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, path]) => path);
}

function applyFile(file: string, opts: Options, io: Io): number {
  const text = readText(hostPath(file));
  if (text === undefined) {
    io.err(`sysctl: cannot open "${file}": No such file or directory\n`);
    return 1;
  }
  let code = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const lenient = line.startsWith('-');
    const key = line.slice(lenient ? 1 : 0, eq).trim();
    code = Math.max(code, assign(key, line.slice(eq + 1).trim(), lenient, opts, io));
  }
  return code;
}

function assign(key: string, value: string, lenient: boolean, opts: Options, io: Io): number {
  const result = writeKey(key, value);
  if (!result.ok) {
    if (lenient || opts.ignoreUnknown) return 0;
    io.err(`${result.error}\n`);
    return 1;
  }
  if (!opts.quiet) io.out(opts.valuesOnly ? `${result.value}\n` : `${normalizeKey(key)} = ${result.value}\n`);
  return 0;
}

function show(key: string, opts: Options, io: Io): number {
  const result = readKey(key);
  if (!result.ok) {
    if (opts.ignoreUnknown) return 0;
    io.err(`${result.error}\n`);
    return 1;
  }
  io.out(opts.valuesOnly ? `${result.value}\n` : `${normalizeKey(key)} = ${result.value}\n`);
  return 0;
}

if (isMain(import.meta.url)) {
  process.exitCode = sysctl(process.argv.slice(2), processIo);
}
