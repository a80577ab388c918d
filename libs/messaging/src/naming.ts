import {
  DEAD_LETTER_STREAM,
  DEAD_LETTER_SUBJECT_PREFIX,
  streamNameOf,
  type EventContract,
} from '@civitas/contracts';

/** Subjects and stream names with the bus namespace applied (tests run side by side on one NATS). */
export class BusNaming {
  constructor(private readonly namespace: string) {}

  subject(subject: string): string {
    return this.namespace ? `${this.namespace}.${subject}` : subject;
  }

  stream(owner: EventContract['owner']): string {
    return this.streamName(streamNameOf(owner));
  }

  streamSubjects(owner: EventContract['owner']): string[] {
    return [this.subject(`${owner}.evt.>`)];
  }

  deadLetterStream(): string {
    return this.streamName(DEAD_LETTER_STREAM);
  }

  deadLetterSubject(service: string, consumer: string): string {
    return this.subject(`${DEAD_LETTER_SUBJECT_PREFIX}.${service}.${consumer}`);
  }

  deadLetterSubjects(): string[] {
    return [this.subject(`${DEAD_LETTER_SUBJECT_PREFIX}.>`)];
  }

  private streamName(base: string): string {
    return this.namespace
      ? `${this.namespace.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_${base}`
      : base;
  }
}
