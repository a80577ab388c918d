import type {
  BeforeApplicationShutdown,
  LoggerService,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { describeError } from '@civitas/observability';

export interface PollingLoopOptions {
  /** What the loop is, for its warnings: `outbox relay`, `e-mail reply dispatch`, … */
  name: string;
  /** One round of work: everything due now. Never runs twice at once. */
  work: () => Promise<void>;
  /** Delay between rounds when nothing kicks the loop. */
  intervalMs: number;
  /** Delay after a failed round (default: intervalMs). */
  retryMs?: number;
  logger: LoggerService;
}

/**
 * The background loop behind every "write it in the transaction, act on it after the commit"
 * worker (the outbox relay, intake's e-mail replies, citizens' notifications): a round runs when
 * kicked after a commit and every `intervalMs` otherwise, so what was pending at a restart is
 * picked up; a kick during a round runs another round straight after it; a failed round is
 * logged and retried; `stop()` waits for the round in progress.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = true;

  constructor(private readonly options: PollingLoopOptions) {}

  /** Starts the rounds: the first now, or after `firstRoundInMs`. */
  start(firstRoundInMs = 0): void {
    this.stopped = false;
    this.schedule(firstRoundInMs);
  }

  /** Something was just committed: work now rather than at the next round. */
  kick(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), ms);
    }
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) {
      return;
    }
    this.running = true;
    let failed = false;
    try {
      do {
        this.again = false;
        await this.options.work();
      } while (this.again && !this.stopped);
    } catch (error) {
      failed = true;
      this.options.logger.warn({
        msg: `${this.options.name} failed; will retry`,
        error: describeError(error),
      });
    } finally {
      this.running = false;
    }
    this.schedule(
      failed ? (this.options.retryMs ?? this.options.intervalMs) : this.options.intervalMs,
    );
  }
}

/** Delay before attempt `attempts + 1`: `baseMs`, doubling per failed attempt, at most `maxMs`. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

/**
 * A provider that owns a `PollingLoop`: the loop starts with the application and stops with it
 * (finishing the round in progress), and `kick()` works now rather than at the next round.
 */
export abstract class PollingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly loop: PollingLoop;

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Before the database closes, so the round in progress ends with the pool it began with. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Something was just committed: work now rather than at the next round. */
  kick(): void {
    this.loop.kick();
  }
}

/**
 * Runs `batch` (which handles at most `size` items) until a batch comes back short, so everything
 * due now is handled; answers how many were handled in all.
 */
export async function drainInBatches(size: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await batch();
    total += handled;
    if (handled < size) {
      return total;
    }
  }
}
