import { randomUUID } from 'node:crypto';

/**
 * The base of every event builder: a payload that is valid as it stands, changed by named steps
 * (`aStatusChanged().forCase(c).to(CaseStatus.CLOSED).build()`), so a spec says only what matters
 * to it. `build()` returns a fresh copy each time.
 */
export abstract class PayloadBuilder<T extends object> {
  protected constructor(protected payload: T) {}

  /** Any field the named steps do not cover (prefer a named step when there is one). */
  with(overrides: Partial<T>): this {
    this.payload = { ...this.payload, ...overrides };
    return this;
  }

  /** Removes a field, e.g. to show what a consumer does when an optional one is missing. */
  without(field: keyof T): this {
    const copy = { ...this.payload };
    delete copy[field];
    this.payload = copy;
    return this;
  }

  build(): T {
    return structuredClone(this.payload);
  }
}

/** A case every event about it names: from `aCaseOpened().build()` or any payload that has both. */
export interface CaseRef {
  caseId: string;
  ticketNumber: string;
}

let ticketCounter = 0;

/**
 * A ticket number no other spec running at the same time uses (the process id keeps parallel
 * Jest workers apart), in the format intake issues.
 */
export function uniqueTicketNumber(): string {
  ticketCounter += 1;
  return `SR-2026-${String(process.pid % 1000).padStart(3, '0')}${String(ticketCounter).padStart(4, '0')}`;
}

/** A fresh case to name in events: a new id and ticket number. */
export function aCaseRef(): CaseRef {
  return { caseId: randomUUID(), ticketNumber: uniqueTicketNumber() };
}

export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString();
}
