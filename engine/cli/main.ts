// Entry point: dispatches subcommands. Heavy modules load lazily so `--version` stays fast.
import { readFileSync } from 'node:fs';
import { EXIT } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import { processIo, type CliIo } from './io.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case '--version':
      case '-V':
        io.out(`deckhand ${version()}`);
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(MAIN_HELP);
        return command === undefined ? EXIT.badOptions : EXIT.ok;
      case 'run':
        return await (await import('./run-command.js')).runCommand(rest, io);
      case 'vault':
        return await (await import('./vault-command.js')).vaultCommand(rest, io);
      case 'lab':
        return await (await import('../../lab/cli.js')).labCommand(rest, { out: io.out, err: io.err });
      default:
        io.err(`deckhand: unknown command '${command}'\nTry 'deckhand --help'.`);
        return EXIT.badOptions;
    }
  } catch (e) {
    // Only bugs reach here: user errors are diagnostics. Say so plainly, without a stack trace
    // unless DECKHAND_DEBUG asks for it.
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`deckhand: internal error: ${msg}`);
    if (io.env['DECKHAND_DEBUG'] && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT.error;
  }
}

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return pkg && typeof pkg === 'object' && 'version' in pkg ? String(pkg.version) : 'unknown';
}
