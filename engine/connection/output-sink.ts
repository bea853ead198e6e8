// Collects one output stream up to a byte cap and drops the rest, so a
// command printing gigabytes cannot exhaust memory (the command still runs
// to completion; its output is drained, not kept).

export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export class OutputSink {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private seen = 0;

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    this.seen += chunk.length;
    const room = this.maxBytes - this.kept;
    if (room <= 0) return;
    const piece = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(piece);
    this.kept += piece.length;
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  get totalBytes(): number {
    return this.seen;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  /** UTF-8 text, with a marker line when output was dropped. */
  text(label: string): string {
    const body = this.bytes().toString('utf8');
    if (!this.truncated) return body;
    return `${body}\n[deckhand: ${label} truncated: kept ${this.kept} of ${this.seen} bytes]\n`;
  }
}
