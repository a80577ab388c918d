const COLOURS = [36, 32, 33, 34, 35, 96, 92, 93] as const;

export interface PrefixStyle {
  width: number;
  colour: boolean;
  /** Index into a fixed palette, so each process keeps its colour. */
  colourIndex?: number;
}

/** `cases     | ` (in colour on a terminal). */
export function formatPrefix(name: string, style: PrefixStyle): string {
  const label = `${name.padEnd(style.width)} | `;
  if (!style.colour) {
    return label;
  }
  const code = COLOURS[(style.colourIndex ?? 0) % COLOURS.length];
  return `\u001b[${code}m${label}\u001b[0m`;
}

/**
 * Turns a stream of chunks into whole lines: output arrives in arbitrary pieces, and a prefix in
 * the middle of a JSON log line would make it unreadable (and unparseable).
 */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.pending + chunk.toString();
    const lines = text.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      this.onLine(line);
    }
  }

  /** The last line when the stream ends without a newline. */
  flush(): void {
    if (this.pending !== '') {
      const line = this.pending;
      this.pending = '';
      this.onLine(line);
    }
  }
}
