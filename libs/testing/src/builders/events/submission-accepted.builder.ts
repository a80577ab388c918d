import { randomUUID } from 'node:crypto';
import {
  Channel,
  DEFAULT_DUPLICATE_SEARCH,
  type DuplicateSearch,
  type GeoLocation,
  type LegacyOrigin,
  type ReporterContact,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import { piiCipherFrom, type PiiCipher } from '@civitas/crypto';
import { TEST_PII_HASH_KEY, TEST_PII_KEYS } from '../../infrastructure.js';
import { isoNow, PayloadBuilder, uniqueTicketNumber } from './payload-builder.js';

/** The cipher of every test service (TEST_PII_KEYS), made once. */
let cipher: PiiCipher | undefined;
const testCipher = (): PiiCipher => (cipher ??= piiCipherFrom(TEST_PII_KEYS, TEST_PII_HASH_KEY));

/** Seals a contact as intake does (docs/adr/0023), with the keys every test service runs with. */
export function sealedTestContact(contact: ReporterContact): string {
  return testCipher().encrypt(JSON.stringify(contact))!;
}

/**
 * `intake.evt.submission-accepted.v1`: a live web report of a pothole, anonymous, received now,
 * for a service that does not look for nearby duplicates (radius 0), so the many cases a spec
 * opens at one place stay apart; `searchingDuplicates()` for specs about them (docs/adr/0063).
 */
export class SubmissionAcceptedBuilder extends PayloadBuilder<SubmissionAcceptedV1> {
  constructor() {
    super({
      submissionId: randomUUID(),
      ticketNumber: uniqueTicketNumber(),
      serviceCode: 'pothole',
      channel: Channel.WEB,
      emergency: false,
      receivedAt: isoNow(),
      duplicateSearch: { radiusMeters: 0, windowDays: DEFAULT_DUPLICATE_SEARCH.windowDays },
    });
  }

  /** The service links a report to an open case this near and recent (default: 50 m, 30 days). */
  searchingDuplicates(search: DuplicateSearch = DEFAULT_DUPLICATE_SEARCH): this {
    return this.with({ duplicateSearch: { ...search } });
  }

  /** The reporter, sealed with the test keys as intake sends it; citizens opens it. */
  withReporter(contact: ReporterContact): this {
    return this.with({ reporterSealed: sealedTestContact(contact) });
  }

  /** A sealed value as it is, e.g. one citizens cannot open. */
  withReporterSealed(sealed: string): this {
    return this.with({ reporterSealed: sealed });
  }

  withTicketNumber(ticketNumber: string): this {
    return this.with({ ticketNumber });
  }

  forService(serviceCode: string): this {
    return this.with({ serviceCode });
  }

  via(channel: Channel): this {
    return this.with({ channel });
  }

  at(location: GeoLocation): this {
    return this.with({ location });
  }

  describedAs(description: string): this {
    return this.with({ description });
  }

  withAttributes(attributes: Record<string, string | string[]>): this {
    return this.with({ attributes });
  }

  asEmergency(): this {
    return this.with({ emergency: true });
  }

  /** Private: the reporter asked, or the service is always private (docs/adr/0057). */
  asPrivate(): this {
    return this.with({ private: true });
  }

  receivedAt(at: Date | string): this {
    return this.with({ receivedAt: typeof at === 'string' ? at : at.toISOString() });
  }

  /** A part of a case staff split (docs/adr/0062): `parentTicketNumber` is the case split. */
  partOf(parentTicketNumber: string): this {
    return this.with({ parentTicketNumber });
  }

  /** Imported history (channel LEGACY_IMPORT): it travels in `aHistoryAccepted()` batches. */
  imported(legacy: LegacyOrigin): this {
    return this.with({ channel: Channel.LEGACY_IMPORT, legacy });
  }
}

export const aSubmissionAccepted = (): SubmissionAcceptedBuilder => new SubmissionAcceptedBuilder();

/**
 * What citizens reads from a sealed contact, for a stand-in citizens in a spec (`respondAs`);
 * null when the test keys cannot open it.
 */
export function openSealedTestContact(sealed: string | undefined): ReporterContact | null {
  if (!sealed) {
    return null;
  }
  try {
    const plain = testCipher().decrypt(sealed);
    return plain ? (JSON.parse(plain) as ReporterContact) : null;
  } catch {
    return null; // sealed under keys the tests do not have: the spec says what it expects then
  }
}
