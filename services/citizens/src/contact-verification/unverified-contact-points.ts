import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { ContactVerificationRepository } from './contact-verification.repository.js';

export interface UnverifiedContactPoint {
  kind: 'EMAIL' | 'PHONE';
  value: string;
  addedAt: Date;
  /** When the code last sent stops working; null when it was used up by wrong entries. */
  codeExpiresAt: Date | null;
}

/** A resident's e-mails and phones waiting for their code, unsealed for the resident. */
@Injectable()
export class UnverifiedContactPoints {
  constructor(
    private readonly repository: ContactVerificationRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async of(citizenId: string): Promise<UnverifiedContactPoint[]> {
    return (await this.repository.claimsOf(citizenId)).map((c) => ({
      kind: c.kind,
      value: this.cipher.decrypt(c.valueEnc)!,
      addedAt: c.createdAt,
      codeExpiresAt: c.codeHash ? c.codeExpiresAt : null,
    }));
  }
}
