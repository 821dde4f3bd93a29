/**
 * Splits a streamed body into lines while holding at most one line: a line longer than the cap is
 * dropped (counted) as it streams, never buffered, so a workload's 50 MB line costs 64 KiB at most.
 */

/** Longest line kept from a streamed body; longer ones are skipped. */
export const MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/** Feeds bytes in, hands complete lines (without `\n` and a trailing `\r`) to `onLine`. */
export class LineSplitter {
  /** Lines dropped for being longer than the cap. */
  overlongLines = 0;
  private parts: Buffer[] = [];
  private size = 0;
  private overlong = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes: number = MAX_LINE_BYTES,
  ) {}

  /** Takes the next chunk of the body. */
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.take(chunk.subarray(start, newline === -1 ? chunk.length : newline));
      if (newline === -1) return;
      this.flush();
      start = newline + 1;
    }
  }

  /** The body ended: hands over the last line if it had no newline. */
  end(): void {
    if (this.size > 0 || this.overlong) this.flush();
  }

  private take(piece: Buffer): void {
    if (this.overlong || piece.length === 0) return;
    if (this.size + piece.length > this.maxLineBytes) {
      this.overlong = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(piece);
    this.size += piece.length;
  }

  private flush(): void {
    if (this.overlong) this.overlongLines += 1;
    else {
      const line = Buffer.concat(this.parts, this.size).toString('utf8');
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    this.parts = [];
    this.size = 0;
    this.overlong = false;
  }
}
