import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionFailure, openLocal } from '../../../engine/connection/index.js';
import { describeContract } from './connection-contract.js';

describe('connection/local-connection', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'deckhand-local-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describeContract('local', () => Promise.resolve(openLocal('localhost')), () => dir);

  it('calls after close reject with ConnectionFailure', async () => {
    const conn = openLocal('localhost');
    await conn.close();
    await assert.rejects(conn.exec(['true']), (e) => e instanceof ConnectionFailure && e.kind === 'unreachable');
  });
});
