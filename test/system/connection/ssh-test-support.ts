// Helpers shared by the connection tests that talk to a real sshd.
import type { SshdFixture } from '../../support/sshd-fixture.js';
import { ConnectionFailure, type SshTarget } from '../../../engine/connection/index.js';
import { strict as assert } from 'node:assert';

export function targetFor(sshd: SshdFixture, over: Partial<SshTarget> = {}): SshTarget {
  return {
    host: 'fixture', address: '127.0.0.1', port: sshd.port, user: 'root',
    privateKeyPath: sshd.keyPath, knownHostsFiles: [sshd.knownHostsPath], hostKeyChecking: true,
    ...over,
  };
}

/** Asserts `promise` rejects with a ConnectionFailure of `kind`, and returns it. */
export async function rejectsWith(promise: Promise<unknown>, kind: ConnectionFailure['kind']): Promise<ConnectionFailure> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConnectionFailure, `expected ConnectionFailure, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    return err;
  }
  assert.fail(`expected a ConnectionFailure '${kind}', but the call succeeded`);
}

/** Collects uncaught exceptions during a test (an ECONNRESET must never be one). */
export function watchUncaught(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (err: unknown): void => { errors.push(err); };
  process.prependListener('uncaughtException', onError);
  return { errors, stop: () => process.removeListener('uncaughtException', onError) };
}
