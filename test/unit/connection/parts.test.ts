import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { BecomeStderrFilter } from '../../../engine/connection/become-filter.js';
import { ChannelSemaphore } from '../../../engine/connection/channel-semaphore.js';
import { exitStatus } from '../../../engine/connection/exit-status.js';
import { OutputSink } from '../../../engine/connection/output-sink.js';
import { driveProcess } from '../../../engine/connection/process-driver.js';

describe('connection/exit-status', () => {
  const table: ReadonlyArray<readonly [number | null, string | null, number | undefined, string | undefined]> = [
    [0, null, 0, undefined],
    [3, null, 3, undefined],
    [null, 'KILL', 137, 'SIGKILL'],
    [null, 'SIGTERM', 143, 'SIGTERM'],
    [null, 'SIGNOSUCH', 255, 'SIGNOSUCH'],
    [null, null, undefined, undefined],
  ];
  for (const [code, signal, rc, name] of table) {
    it(`code ${String(code)} signal ${String(signal)} -> rc ${String(rc)}`, () => {
      const s = exitStatus(code, signal);
      assert.equal(s?.rc, rc);
      assert.equal(s?.signal, name);
    });
  }
});

describe('connection/output-sink', () => {
  it('keeps up to the cap, counts the rest, and marks the text', () => {
    const sink = new OutputSink(5);
    sink.write(Buffer.from('abc'));
    sink.write(Buffer.from('defgh'));
    assert.equal(sink.bytes().toString(), 'abcde');
    assert.equal(sink.truncated, true);
    assert.equal(sink.totalBytes, 8);
    assert.match(sink.text('stdout'), /^abcde\n\[deckhand: stdout truncated: kept 5 of 8 bytes\]\n$/);
  });
});

describe('connection/channel-semaphore', () => {
  it('never exceeds its limit and can be lowered', async () => {
    const sem = new ChannelSemaphore(3);
    let active = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      const release = await sem.acquire();
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 2));
      active--;
      release();
    };
    await Promise.all(Array.from({ length: 20 }, task));
    assert.equal(peak, 3);
    sem.lower(1);
    peak = 0;
    await Promise.all(Array.from({ length: 5 }, task));
    assert.equal(peak, 1);
    assert.equal(sem.inUse, 0);
  });
});

describe('connection/become-filter', () => {
  const hs = { prompt: '[p:1] password:', successMarker: 'OK-1', password: 'pw' };
  const run = (chunks: readonly string[]): { stderr: string; events: string[] } => {
    const sink = new OutputSink(1024);
    const events: string[] = [];
    const f = new BecomeStderrFilter(hs, sink, {
      onPrompt: () => events.push('prompt'),
      onAccepted: () => events.push('accepted'),
      onRejected: () => events.push('rejected'),
    });
    for (const c of chunks) f.write(Buffer.from(c));
    f.end();
    return { stderr: sink.bytes().toString(), events };
  };
  it('prompt split across chunks, then marker: password sent once, both stripped', () => {
    assert.deepEqual(run(['[p:', '1] password:', 'OK', '-1\nreal error\n']), { stderr: 'real error\n', events: ['prompt', 'accepted'] });
  });
  it('NOPASSWD: marker without prompt', () => {
    assert.deepEqual(run(['OK-1\n', 'x']), { stderr: 'x', events: ['accepted'] });
  });
  it('a second prompt means a wrong password', () => {
    const r = run(['[p:1] password:', '\nSorry, try again.\n[p:1] password:', '\nsudo: 1 incorrect password attempt\n']);
    assert.deepEqual(r.events, ['prompt', 'rejected']);
    assert.equal(r.stderr, '\nSorry, try again.\n\nsudo: 1 incorrect password attempt\n');
  });
});

describe('connection/process-driver', () => {
  it('with a handshake, stdin waits for sudo: password on the prompt, input after the marker', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const written: string[] = [];
    stdin.on('data', (c: Buffer) => written.push(c.toString()));
    const out = driveProcess({ stdin, stdout, stderr }, {
      stdin: Buffer.from('INPUT'), maxOutputBytes: 100,
      handshake: { prompt: 'PROMPT:', successMarker: 'MARK', password: 'pw' },
    });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, []);
    stderr.write('PROMPT:');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, ['pw\n']);
    stderr.write('MARK\n');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, ['pw\n', 'INPUT']);
    stdout.end();
    stderr.end();
    await out.drained;
    assert.equal(stdin.writableEnded, true);
  });

  it('the env header goes first, then the input, then EOF; after the marker when sudo asks', async () => {
    const cases: ReadonlyArray<readonly [string, Parameters<typeof driveProcess>[1], string[]]> = [
      ['no handshake', { header: Buffer.from('HDR'), stdin: Buffer.from('IN'), maxOutputBytes: 100 }, ['HDR', 'IN']],
      ['header only', { header: Buffer.from('HDR'), maxOutputBytes: 100 }, ['HDR']],
      ['handshake', { header: Buffer.from('HDR'), stdin: Buffer.from('IN'), maxOutputBytes: 100, handshake: { prompt: 'P:', successMarker: 'MARK', password: 'pw' } }, ['pw\n', 'HDR', 'IN']],
    ];
    for (const [label, opts, expected] of cases) {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const written: string[] = [];
      stdin.on('data', (c: Buffer) => written.push(c.toString()));
      const out = driveProcess({ stdin, stdout, stderr }, opts);
      if (opts.handshake !== undefined) {
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(written, [], 'nothing before the prompt');
        stderr.write('P:');
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(written, ['pw\n'], 'only the password before the marker');
        stderr.write('MARK\n');
      }
      await new Promise((r) => setImmediate(r));
      stdout.end();
      stderr.end();
      await out.drained;
      assert.deepEqual(written, expected, label);
      assert.equal(stdin.writableEnded, true, label);
    }
  });
});
