import { Injectable } from '@nestjs/common';
import { DomainError, hasAnyRole, PII_READER_ROLES, type Identity } from '@civitas/contracts';
import type { PiiAccessOutcome } from './pii-access-audit.entity.js';
import { DeniedReadTally } from './denied-read-tally.js';
import { PiiAccessAuditRepository } from './pii-access-audit.repository.js';

export type PiiField =
  | 'firstName'
  | 'lastName'
  | 'organisationName'
  | 'email'
  | 'phone'
  | 'contactPoints'
  | 'identityLinks'
  | 'consents';

/** What a caller may attach to its GraphQL request: the purpose it stated for reading personal data. */
export interface PurposeCarrier {
  piiPurpose?: string | null;
}

/** Records the purpose the caller stated for this request's reads (the `purpose` argument). */
export function statePurpose(request: object, purpose: string | null | undefined): void {
  const trimmed = purpose?.trim();
  if (trimmed) {
    (request as PurposeCarrier).piiPurpose = trimmed.slice(0, 500);
  }
}

interface PendingEntry {
  fields: PiiField[];
  written: Promise<void>;
}

/**
 * Decides whether a caller may read a resident's personal data, and writes the audit entry before
 * any of it is returned (no entry, no data). Fields of one citizen read together in one request
 * (siblings resolved in the same turn of the event loop) share one entry.
 */
@Injectable()
export class PiiAccessPolicy {
  /** Per request (keyed by the request object): entries being gathered, by citizen and outcome. */
  private readonly pending = new WeakMap<object, Map<string, PendingEntry>>();

  constructor(
    private readonly audit: PiiAccessAuditRepository,
    private readonly denied: DeniedReadTally,
  ) {}

  /** Whether this caller may read personal data at all (no audit entry: nothing is read). */
  mayRead(identity: Identity): boolean {
    return hasAnyRole(identity, PII_READER_ROLES);
  }

  /** Resolves when the read is allowed and audited; throws FORBIDDEN (audited too) otherwise. */
  async authorise(
    request: object,
    identity: Identity,
    citizenId: string,
    field: PiiField,
  ): Promise<void> {
    const granted = hasAnyRole(identity, PII_READER_ROLES);
    await this.record(request, identity, citizenId, field, granted ? 'GRANTED' : 'DENIED');
    if (!granted) {
      throw new DomainError(
        'FORBIDDEN',
        `Reading ${field} needs one of the roles: ${PII_READER_ROLES.join(', ')}`,
        [],
        'forbidden',
      );
    }
  }

  private record(
    request: object,
    identity: Identity,
    citizenId: string,
    field: PiiField,
    outcome: PiiAccessOutcome,
  ): Promise<void> {
    let entries = this.pending.get(request);
    if (!entries) {
      entries = new Map();
      this.pending.set(request, entries);
    }
    const key = `${citizenId}:${outcome}`;
    const open = entries.get(key);
    if (open) {
      if (!open.fields.includes(field)) {
        open.fields.push(field);
      }
      return open.written;
    }
    const entry: PendingEntry = { fields: [field], written: Promise.resolve() };
    const gathered = entries;
    entry.written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      gathered.delete(key);
      const record = {
        actorSub: identity.sub,
        actorRoles: [...identity.roles],
        citizenId,
        fields: [...entry.fields].sort(),
        purpose: (request as PurposeCarrier).piiPurpose ?? null,
        outcome,
      };
      // Every read is written; refusals may be folded, so probing cannot flood the log.
      return outcome === 'GRANTED' ? this.audit.append(record) : this.denied.record(record);
    });
    entries.set(key, entry);
    return entry.written;
  }
}
