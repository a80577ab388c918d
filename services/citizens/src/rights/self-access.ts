import { Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { PiiAccessAuditRepository } from '../privacy/index.js';

/** The purpose written in the audit log when residents read or change their own data. */
export const SELF_ACCESS = 'self-access';

/** Audits a resident's reads of their own data (same log as staff reads, purpose `self-access`). */
@Injectable()
export class SelfAccessAudit {
  constructor(private readonly audit: PiiAccessAuditRepository) {}

  record(identity: Identity, citizenId: string, fields: string[], what?: string): Promise<void> {
    return this.audit.append({
      actorSub: identity.sub,
      actorRoles: [...identity.roles],
      citizenId,
      fields: [...fields].sort(),
      purpose: what ? `${SELF_ACCESS}: ${what}` : SELF_ACCESS,
      outcome: 'GRANTED',
    });
  }
}
