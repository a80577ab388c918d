/** How many events' failures one replica remembers at most; the oldest is forgotten first. */
export const FAILURE_TALLY_LIMIT = 10_000;

/**
 * Non-transient failures of the events a replica is retrying, by consumer and stream sequence:
 * what counts towards `maxDeliver` (docs/adr/0097). JetStream's delivery count rises with every
 * try, transient ones too, so after an outage it said nothing about how often an event failed the
 * way that dead-letters it.
 *
 * Kept in memory, on purpose: a count forgotten (a restart, another replica taking the next try,
 * an event pushed out by the limit) only gives the event more tries, never fewer.
 */
export class FailureTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit = FAILURE_TALLY_LIMIT) {}

  /** One more non-transient failure of this event; returns how many this replica has seen. */
  add(consumer: string, streamSequence: number): number {
    const key = `${consumer}:${streamSequence}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    // Delete and set again: a Map keeps insertion order, so the first key is the least recent.
    this.counts.delete(key);
    this.counts.set(key, count);
    while (this.counts.size > this.limit) {
      this.counts.delete(this.counts.keys().next().value!);
    }
    return count;
  }

  /** Non-transient failures of this event seen here so far. */
  of(consumer: string, streamSequence: number): number {
    return this.counts.get(`${consumer}:${streamSequence}`) ?? 0;
  }

  /** The event is done with here (applied, a duplicate, dead-lettered). */
  forget(consumer: string, streamSequence: number): void {
    this.counts.delete(`${consumer}:${streamSequence}`);
  }

  get size(): number {
    return this.counts.size;
  }
}
