/** A progress bar on a terminal; a line every few seconds otherwise (logs, CI). */
export class Progress {
  private bytes = 0;
  private rows = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly totalBytes: number,
    private readonly intervalMs = 5_000,
  ) {}

  addBytes(n: number): void {
    this.bytes += n;
  }

  update(rows: number): void {
    this.rows = rows;
    const now = Date.now();
    if (now - this.lastDraw >= (this.out.isTTY ? 100 : this.intervalMs)) {
      this.lastDraw = now;
      this.draw();
    }
  }

  done(): void {
    if (this.out.isTTY) {
      this.draw();
      this.out.write('\n');
    }
  }

  private draw(): void {
    const fraction = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 0;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.rows / seconds) : 0;
    const text = `${(fraction * 100).toFixed(1).padStart(5)}%  ${this.rows.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s`;
    if (this.out.isTTY) {
      const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - text.length - 4));
      const filled = Math.round(fraction * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
    } else {
      this.out.write(`import: ${text}\n`);
    }
  }
}
