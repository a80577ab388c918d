import { Inject, Injectable, Logger } from '@nestjs/common';
import { Channel, ClassifyText, LogInteraction } from '@civitas/contracts';
import { BusClient, BusRequestError } from '@civitas/messaging';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { EmergencyDetector } from '../../../emergencies/emergency-detector.js';
import {
  SubmissionErrorCode,
  SubmissionException,
} from '../../../submissions/submission.exception.js';
import { SubmitServiceRequestUseCase } from '../../../submissions/use-cases/submit-service-request/submit-service-request.use-case.js';
import {
  clipText,
  findAddressLine,
  findTicketNumber,
  splitDisplayName,
  withoutQuotedLines,
} from '../../email-text.util.js';
import { SmtpRejection } from '../../email.exception.js';
import type { InboundEmail } from '../../inbound-email.js';
import type { ReceiveOutcome } from '../../reply-text.js';

const FALLBACK_SERVICE = 'general-inquiry';
const MAX_DESCRIPTION = 4000;

/**
 * Turns a received e-mail into work: a message quoting the ticket number of an existing case is
 * logged on that case; any other becomes a submission on channel EMAIL, its service guessed by
 * routing from the catalog's keywords, its location taken from an "Address:" line when there is
 * one (else staff find it at triage). The Message-ID makes a relay's re-delivery harmless.
 */
@Injectable()
export class ReceiveEmailUseCase {
  private readonly logger = new Logger(ReceiveEmailUseCase.name);

  constructor(
    private readonly bus: BusClient,
    private readonly submit: SubmitServiceRequestUseCase,
    private readonly emergencies: EmergencyDetector,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async execute(email: InboundEmail): Promise<ReceiveOutcome> {
    try {
      return await this.handle(email);
    } catch (error) {
      if (error instanceof SmtpRejection) {
        throw error;
      }
      const transient =
        (error instanceof BusRequestError && ['UNAVAILABLE', 'TIMEOUT'].includes(error.code)) ||
        (error instanceof SubmissionException &&
          error.code === SubmissionErrorCode.CatalogUnavailable);
      this.logger.error({ msg: 'e-mail not taken', error: (error as Error).message, transient });
      throw SmtpRejection.tryLater('We cannot take this message just now; please try again later');
    }
  }

  private async handle(email: InboundEmail): Promise<ReceiveOutcome> {
    const fresh = withoutQuotedLines(email.text);
    const ticketNumber = findTicketNumber(this.config.TICKET_PREFIX, email.subject, fresh);
    if (ticketNumber) {
      const logged = await this.bus.request(LogInteraction, {
        ticketNumber,
        channel: Channel.EMAIL,
        summary: clipText(`${email.subject.trim()}\n\n${fresh}`.trim(), MAX_DESCRIPTION),
        visibility: 'INTERNAL',
        ...(email.messageId ? { idempotencyKey: `email:${email.messageId}`.slice(0, 500) } : {}),
      });
      if (logged.found) {
        this.logger.log({ msg: 'e-mail logged on a case', ticketNumber });
        return {
          kind: 'interaction',
          ticketNumber,
          serviceNotice: this.emergencies.inspect(email.subject, fresh).notice,
        };
      }
      // A number that belongs to no case: the message is read as a new request.
    }
    const classified = await this.bus.request(ClassifyText, {
      text: `${email.subject}\n${fresh}`.slice(0, 100_000),
    });
    const address = findAddressLine(fresh);
    const command = {
      description: clipText(`${email.subject.trim()}\n\n${fresh}`.trim(), MAX_DESCRIPTION),
      channel: Channel.EMAIL,
      ...(address ? { location: { address } } : {}),
      reporter: { email: email.fromAddress, ...splitDisplayName(email.fromName) },
      ...(email.messageId ? { idempotencyKey: `email:${email.messageId}`.slice(0, 200) } : {}),
    };
    let serviceCode = classified.serviceCode;
    let receipt;
    try {
      receipt = await this.submit.execute({ ...command, serviceCode }, { via: 'email-receiver' });
    } catch (error) {
      // The catalog changed between the guess and the check: staff triage it instead.
      if (
        !(
          error instanceof SubmissionException &&
          error.code === SubmissionErrorCode.UnknownServiceCode
        ) ||
        serviceCode === FALLBACK_SERVICE
      ) {
        throw error;
      }
      serviceCode = FALLBACK_SERVICE;
      receipt = await this.submit.execute({ ...command, serviceCode }, { via: 'email-receiver' });
    }
    this.logger.log({
      msg: 'e-mail accepted',
      ticketNumber: receipt.ticketNumber,
      serviceCode,
      keywords: classified.keywords,
      located: !!address,
    });
    return {
      kind: 'submission',
      ticketNumber: receipt.ticketNumber,
      serviceNotice: receipt.serviceNotice,
      serviceCode,
      located: !!address,
    };
  }
}
