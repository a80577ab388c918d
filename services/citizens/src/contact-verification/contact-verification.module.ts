import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { CodeIssuer } from './code-issuer.js';
import { CodeSender } from './code-sender.js';
import { ContactValues } from './contact-values.js';
import { ContactVerificationRepository } from './contact-verification.repository.js';
import { OneTimeCodes } from './one-time-codes.js';
import { UnverifiedContactPoints } from './unverified-contact-points.js';
import { ClaimContactPointUseCase } from './use-cases/claim-contact-point/claim-contact-point.use-case.js';
import { LoginLinkCodesUseCase } from './use-cases/login-link-codes/login-link-codes.use-case.js';
import { VerifyContactPointUseCase } from './use-cases/verify-contact-point/verify-contact-point.use-case.js';

/**
 * Proof of control of a contact point (ADR 0040): e-mails and phones a resident adds wait
 * unverified until the one-time code sent to them is entered; staff link a sign-in with a code
 * sent to the resident. The resident- and staff-facing mutations are the rights feature's.
 */
@Module({
  imports: [CitizensModule, NotificationsModule],
  providers: [
    ContactVerificationRepository,
    ContactValues,
    OneTimeCodes,
    CodeIssuer,
    CodeSender,
    ClaimContactPointUseCase,
    VerifyContactPointUseCase,
    LoginLinkCodesUseCase,
    UnverifiedContactPoints,
  ],
  exports: [
    ContactVerificationRepository,
    ContactValues,
    ClaimContactPointUseCase,
    VerifyContactPointUseCase,
    LoginLinkCodesUseCase,
    UnverifiedContactPoints,
  ],
})
export class ContactVerificationModule {}
