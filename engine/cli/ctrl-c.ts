// Ctrl-C during a run (docs/execution.md): the first one asks the run to stop starting work and
// wind down, so it still prints the recap and writes the report; a second aborts at once with 99,
// without either.
import type { Cancel } from '../run/cancel.js';
import { EXIT } from './exit-codes.js';

/** Maps SIGINT onto `cancel` until the returned function is called. */
export function cancelOnCtrlC(cancel: Cancel): () => void {
  const onSigint = (): void => {
    if (!cancel.requested) {
      cancel.request();
      return;
    }
    // abort() kills the local commands still running before the process goes.
    cancel.abort();
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSigint);
  return () => {
    process.off('SIGINT', onSigint);
  };
}
