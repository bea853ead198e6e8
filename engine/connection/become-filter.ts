// Watches sudo's stderr for the password handshake (see become.ts):
// prompt seen once -> send the password; marker line -> sudo let the command
// start; prompt seen twice -> the password was wrong. The prompt and marker
// never reach the caller's stderr.
import type { BecomeHandshake } from './command-line.js';
import type { OutputSink } from './output-sink.js';

export interface HandshakeEvents {
  onPrompt(): void;
  onAccepted(): void;
  onRejected(): void;
}

// sudo prints little before the marker; more than this means something else is talking.
const MAX_PREAMBLE = 64 * 1024;

export class BecomeStderrFilter {
  private pending = '';
  private state: 'waiting' | 'passing' = 'waiting';
  private prompts = 0;
  private rejected = false;

  constructor(
    private readonly handshake: BecomeHandshake,
    private readonly sink: OutputSink,
    private readonly events: HandshakeEvents,
  ) {}

  write(chunk: Buffer): void {
    if (this.state === 'passing') {
      this.sink.write(chunk);
      return;
    }
    // latin1 maps bytes 1:1, so slicing this string slices the bytes.
    this.pending += chunk.toString('latin1');
    const markerLine = `${this.handshake.successMarker}\n`;
    const at = this.pending.indexOf(markerLine);
    if (at >= 0) {
      const before = this.pending.slice(0, at);
      const after = this.pending.slice(at + markerLine.length);
      this.pending = '';
      this.state = 'passing';
      this.sink.write(Buffer.from(this.withoutPrompts(before), 'latin1'));
      this.sink.write(Buffer.from(after, 'latin1'));
      this.events.onAccepted();
      return;
    }
    const count = this.pending.split(this.handshake.prompt).length - 1;
    for (; this.prompts < count; this.prompts++) {
      if (this.prompts === 0) this.events.onPrompt();
      else this.reject();
    }
    if (this.pending.length > MAX_PREAMBLE) this.reject();
  }

  /** Flushes what sudo printed (minus prompts) when the stream ends before the marker. */
  end(): void {
    if (this.state === 'waiting' && this.pending !== '') {
      this.sink.write(Buffer.from(this.withoutPrompts(this.pending), 'latin1'));
      this.pending = '';
    }
    if (this.state === 'waiting') this.reject();
  }

  private reject(): void {
    if (this.rejected) return;
    this.rejected = true;
    this.events.onRejected();
  }

  private withoutPrompts(text: string): string {
    return text.split(this.handshake.prompt).join('');
  }
}
