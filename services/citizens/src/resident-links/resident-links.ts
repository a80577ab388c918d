import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Identity } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import type { Transaction } from '@civitas/messaging';
import { QueryFailedError } from 'typeorm';
import {
  type CitizenEntity,
  CitizenRepository,
  IdentityLinkEntity,
  LOGIN_SOURCE_SYSTEM,
  signInLinkHash,
} from '../citizens/index.js';

export class ResidentNotLinkedException extends DomainError {
  constructor() {
    super(
      'RESIDENT_NOT_LINKED',
      'Your sign-in is not linked to a resident profile yet: ask an agent to link it',
      [],
      'not-found',
    );
  }
}

/** Who a signed-in resident is: their token subject, looked up as an identity link (hashed, sealed). */
@Injectable()
export class ResidentLinks {
  constructor(
    private readonly citizens: CitizenRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  /** The same keyed hash resolve-identity uses for links, so an import's link would find them too. */
  hashOf(sub: string): string {
    return signInLinkHash(this.cipher, sub);
  }

  /** The resident the caller signed in as (following merges); RESIDENT_NOT_LINKED otherwise. */
  async citizenOf(identity: Identity, tx?: Transaction): Promise<CitizenEntity> {
    if (!identity.sub) {
      throw new ResidentNotLinkedException();
    }
    const found = await this.citizens.findByLink(
      LOGIN_SOURCE_SYSTEM,
      this.hashOf(identity.sub),
      tx,
    );
    if (!found || (await this.citizens.isErased(found.id, tx))) {
      throw new ResidentNotLinkedException();
    }
    return found;
  }

  /** Links a sign-in to a resident; false when that sign-in is already linked (to anyone). */
  async link(tx: Transaction, citizenId: string, sub: string): Promise<boolean> {
    const hash = this.hashOf(sub);
    const existing = await this.citizens.linkOf(LOGIN_SOURCE_SYSTEM, hash, tx);
    if (existing) {
      return existing.citizenId === citizenId;
    }
    try {
      await this.citizens.insertLink(
        tx,
        Object.assign(new IdentityLinkEntity(), {
          id: randomUUID(),
          citizenId,
          sourceSystem: LOGIN_SOURCE_SYSTEM,
          sourceIdEnc: this.cipher.encrypt(sub),
          sourceIdHash: hash,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof QueryFailedError) {
        return false;
      }
      throw error;
    }
  }
}
