// `deckhand vault`: ansible-vault's encrypt, decrypt, view, encrypt-string, create and rekey, with
// the same options and file format. Problems are one-line messages; nothing prints a stack trace.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { editInEditor, readAllStdin, writeFileAtomic } from '../vault/file-ops.js';
import { loadVaultPasswords, parseVaultId } from '../vault/sources.js';
import { decryptVault, encryptVault, isVaulted, type VaultPassword } from '../vault/vault.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

export const VAULT_HELP = `Usage: deckhand vault ACTION [options] [FILE...]

Actions (files are changed in place unless --output is given; no FILE or '-' means stdin/stdout):
  encrypt [FILE...]          encrypt plaintext files
  decrypt [FILE...]          decrypt vaulted files
  view FILE...               print the plaintext of vaulted files
  encrypt-string [STRING...] print '!vault |' YAML values (no STRING: read stdin)
  create FILE                write a new vaulted file with $EDITOR
  rekey FILE...              re-encrypt with a new password

Options:
  --vault-password-file FILE  password file, or an executable that prints it (repeatable)
  --vault-id [LABEL@]SOURCE   labelled password; SOURCE is a file or 'prompt' (repeatable)
  -J, --ask-vault-pass        ask for the password
  --encrypt-vault-id LABEL    which labelled password encrypts, when several are given
  -n, --name NAME             variable name for encrypt-string (one per STRING)
  --stdin-name NAME           variable name for a string read from stdin
  --output FILE               write here instead of in place ('-' is stdout)
  --new-vault-password-file FILE, --new-vault-id [LABEL@]SOURCE   the new password for rekey
  -h, --help                  this help

Exit codes: 0 done, 1 a file could not be read, decrypted or written, 5 bad options.`;

const spec = {
  'vault-password-file': { type: 'string', multiple: true },
  'vault-id': { type: 'string', multiple: true },
  'ask-vault-pass': { type: 'boolean', short: 'J' },
  'encrypt-vault-id': { type: 'string' },
  name: { type: 'string', short: 'n', multiple: true },
  'stdin-name': { type: 'string' },
  output: { type: 'string' },
  'new-vault-password-file': { type: 'string' },
  'new-vault-id': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACTIONS = ['encrypt', 'decrypt', 'view', 'encrypt-string', 'create', 'rekey'] as const;
type Action = (typeof ACTIONS)[number];
const ENCRYPTING: readonly Action[] = ['encrypt', 'encrypt-string', 'create'];

/** A user-facing failure with its exit code, carried up to vaultCommand. */
class VaultCliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
const badOption = (m: string): VaultCliError => new VaultCliError(m, EXIT.badOptions);
const failed = (m: string): VaultCliError => new VaultCliError(m, EXIT.error);

type Values = ReturnType<typeof parse>['values'];
const parse = (argv: readonly string[]) => parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });

export async function vaultCommand(argv: readonly string[], io: CliIo, stdin: () => Promise<Buffer> = readAllStdin): Promise<number> {
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (e) {
      throw badOption(e instanceof Error ? e.message : String(e));
    }
    const { values: v, positionals } = parsed;
    if (v.help) {
      io.out(VAULT_HELP);
      return EXIT.ok;
    }
    const [name, ...args] = positionals;
    const action = name === 'encrypt_string' ? 'encrypt-string' : name;
    if (!isAction(action)) throw badOption(action === undefined ? 'missing ACTION' : `unknown action '${action}'`);
    checkOptions(action, v, args);
    const passwords = await passwordsFor(action, v, io);
    await run(action, v, args, passwords, io, stdin);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof VaultCliError)) throw e;
    io.err(`deckhand vault: ${e.message}${e.exitCode === EXIT.badOptions ? "\nTry 'deckhand vault --help'." : ''}`);
    return e.exitCode;
  }
}

function isAction(a: string | undefined): a is Action {
  return (ACTIONS as readonly (string | undefined)[]).includes(a);
}

function checkOptions(action: Action, v: Values, args: readonly string[]): void {
  if (v.output !== undefined && args.length > 1) throw badOption('--output takes a single input file');
  if ((v.name || v['stdin-name'] !== undefined) && action !== 'encrypt-string') throw badOption('--name and --stdin-name are for encrypt-string');
  if ((v['new-vault-password-file'] !== undefined || v['new-vault-id'] !== undefined) && action !== 'rekey') throw badOption('--new-vault-password-file and --new-vault-id are for rekey');
  if (action === 'view' && args.length === 0) throw badOption('view needs a FILE');
  if (action === 'create' && args.length !== 1) throw badOption('create needs exactly one FILE');
  if (action === 'rekey' && args.length === 0) throw badOption('rekey needs a FILE');
  if (action === 'encrypt-string' && v.name && args.length > 0 && v.name.length !== args.length) throw badOption(`${v.name.length} --name options for ${args.length} strings`);
}

async function passwordsFor(action: Action, v: Values, io: CliIo): Promise<VaultPassword[]> {
  const r = await loadVaultPasswords({
    passwordFiles: v['vault-password-file'] ?? [],
    vaultIds: v['vault-id'] ?? [],
    askVaultPass: v['ask-vault-pass'] === true,
    cwd: io.cwd,
    env: io.env,
    confirm: ENCRYPTING.includes(action),
  });
  if (!r.ok) throw r.kind === 'options' ? badOption(r.message) : failed(r.message);
  if (r.passwords.length === 0) throw badOption('a vault password is needed: use --vault-password-file, --vault-id or --ask-vault-pass');
  return r.passwords;
}

/** The password that encrypts: the only one, or the one --encrypt-vault-id names. */
function encryptingPassword(passwords: readonly VaultPassword[], label: string | undefined): VaultPassword {
  if (label !== undefined) {
    const found = passwords.find((p) => (p.label ?? 'default') === label);
    if (!found) throw badOption(`--encrypt-vault-id '${label}' names no given vault id`);
    return found;
  }
  const [only, ...more] = passwords;
  if (only === undefined) throw badOption('a vault password is needed');
  if (more.length > 0) throw badOption(`several vault passwords given (${passwords.map((p) => p.label ?? 'default').join(', ')}); choose one with --encrypt-vault-id`);
  return only;
}

function encryptWith(p: VaultPassword, data: string | Buffer): string {
  return encryptVault(data, p.password, p.label === undefined ? {} : { label: p.label });
}

async function run(action: Action, v: Values, args: readonly string[], passwords: VaultPassword[], io: CliIo, stdin: () => Promise<Buffer>): Promise<void> {
  const encrypting = ENCRYPTING.includes(action) ? encryptingPassword(passwords, v['encrypt-vault-id']) : undefined;
  switch (action) {
    case 'encrypt':
    case 'decrypt':
      for (const file of args.length ? args : ['-']) {
        const input = await readInput(file, io, stdin);
        const output = action === 'encrypt' ? encryptFile(file, input, encrypting) : decryptFile(file, input, passwords);
        await writeOutput(v.output ?? file, output, io);
      }
      io.err(action === 'encrypt' ? 'Encryption successful' : 'Decryption successful');
      return;
    case 'view':
      for (const file of args) io.out(decryptFile(file, await readInput(file, io, stdin), passwords).toString('utf8'));
      return;
    case 'encrypt-string':
      return encryptStrings(v, args, encrypting, io, stdin);
    case 'create':
      return create(resolve(io.cwd, args[0] ?? ''), encrypting, io);
    case 'rekey':
      return rekey(v, args, passwords, io);
  }
}

function encryptFile(file: string, input: Buffer, p: VaultPassword | undefined): Buffer {
  if (!p) throw badOption('a vault password is needed');
  if (isVaulted(input.toString('latin1'))) throw failed(`${shown(file)} is already vault encrypted`);
  return Buffer.from(encryptWith(p, input));
}

function decryptFile(file: string, input: Buffer, passwords: readonly VaultPassword[]): Buffer {
  const text = input.toString('latin1');
  if (!isVaulted(text)) throw failed(`${shown(file)} is not vault encrypted`);
  const r = decryptVault(text, passwords);
  if (!r.ok) throw failed(`${shown(file)}: ${r.message}`);
  return r.bytes;
}

async function encryptStrings(v: Values, args: readonly string[], p: VaultPassword | undefined, io: CliIo, stdin: () => Promise<Buffer>): Promise<void> {
  if (!p) throw badOption('a vault password is needed');
  const items: { name: string | undefined; value: string }[] = args.length
    ? args.map((value, i) => ({ name: v.name?.[i], value }))
    : [{ name: v['stdin-name'] ?? v.name?.[0], value: (await stdin()).toString('utf8') }];
  const blocks = items.map(({ name, value }) => {
    if (value === '') throw failed('refusing to encrypt an empty string');
    const body = encryptWith(p, value).trimEnd().split('\n').map((l) => `          ${l}`).join('\n');
    return `${name === undefined ? '' : `${name}: `}!vault |\n${body}`;
  });
  const text = `${blocks.join('\n')}\n`;
  if (v.output !== undefined && v.output !== '-') await writeFileAtomic(resolve(io.cwd, v.output), text);
  else io.out(text);
  io.err('Encryption successful');
}

async function create(path: string, p: VaultPassword | undefined, io: CliIo): Promise<void> {
  if (!p) throw badOption('a vault password is needed');
  if (existsSync(path)) throw failed(`${path} exists; use 'deckhand vault encrypt' for an existing file`);
  const edited = await editInEditor(Buffer.alloc(0), io.env);
  if (!edited.ok) throw failed(edited.message);
  await writeFileAtomic(path, encryptWith(p, edited.text)).catch((e: unknown) => {
    throw failed(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  });
}

async function rekey(v: Values, args: readonly string[], passwords: readonly VaultPassword[], io: CliIo): Promise<void> {
  const newId = v['new-vault-id'] ?? (v['new-vault-password-file'] !== undefined ? `default@${v['new-vault-password-file']}` : 'default@prompt');
  const id = parseVaultId(newId);
  if (!id.ok) throw badOption(id.message.replace('--vault-id', '--new-vault-id'));
  const r = await loadVaultPasswords({ passwordFiles: [], vaultIds: [newId], askVaultPass: false, cwd: io.cwd, env: {}, confirm: true });
  if (!r.ok) throw r.kind === 'options' ? badOption(r.message) : failed(r.message);
  const fresh = r.passwords[0];
  if (!fresh) throw badOption('a new vault password is needed');
  for (const file of args) {
    const path = resolve(io.cwd, file);
    const plain = decryptFile(file, await readInput(file, io, () => Promise.resolve(Buffer.alloc(0))), passwords);
    await writeFileAtomic(path, encryptWith(fresh, plain));
  }
  io.err('Rekey successful');
}

async function readInput(file: string, io: CliIo, stdin: () => Promise<Buffer>): Promise<Buffer> {
  if (file === '-') return stdin();
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (e) {
    throw failed(`cannot read ${file}: ${e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
}

async function writeOutput(file: string, data: Buffer, io: CliIo): Promise<void> {
  if (file === '-') {
    io.out(data.toString('utf8'));
    return;
  }
  try {
    await writeFileAtomic(resolve(io.cwd, file), data);
  } catch (e) {
    throw failed(`cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function shown(file: string): string {
  return file === '-' ? 'stdin' : file;
}
