import { Inject, Injectable, Logger } from '@nestjs/common';
import { Channel, ClassifyText, LogInteraction } from '@civitas/contracts';
import { describeError } from '@civitas/observability';
import { BusClient, BusRequestError, type Transaction } from '@civitas/messaging';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { EmergencyDetector } from '../../../emergencies/index.js';
import {
  SubmissionErrorCode,
  SubmissionException,
  SubmitServiceRequestUseCase,
  type SubmissionReceipt,
} from '../../../submissions/index.js';
import {
  clipText,
  findAddressLine,
  findTicketNumber,
  splitDisplayName,
  withoutQuotedLines,
} from '../../email-text.util.js';
import { EmailReplyRepository } from '../../email-reply.repository.js';
import { SmtpRejection } from '../../email.exception.js';
import type { InboundEmail } from '../../inbound-email.js';
import { composeReply, type ReceiveOutcome } from '../../reply-text.js';

const FALLBACK_SERVICE = 'general-inquiry';
const MAX_DESCRIPTION = 4000;

/**
 * Turns a received e-mail into work: a message quoting the ticket number of an existing case is
 * logged on that case; any other becomes a submission on channel EMAIL, its service guessed by
 * routing from the catalog's keywords (general-inquiry while routing is away), its location taken from an "Address:" line when there is
 * one (else staff find it at triage). The Message-ID makes a relay's re-delivery harmless.
 * The reply owed to the sender is queued before the relay is answered: with the submission, in
 * its transaction, or after the case has logged the message (docs/adr/0021).
 */
@Injectable()
export class ReceiveEmailUseCase {
  private readonly logger = new Logger(ReceiveEmailUseCase.name);

  constructor(
    private readonly bus: BusClient,
    private readonly submit: SubmitServiceRequestUseCase,
    private readonly emergencies: EmergencyDetector,
    private readonly replies: EmailReplyRepository,
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
      this.logger.error({ msg: 'e-mail not taken', error: describeError(error), transient });
      throw SmtpRejection.tryLater('We cannot take this message just now; please try again later');
    }
  }

  /**
   * The service routing guesses from the catalog's keywords; while routing is away the message is
   * taken all the same, for staff triage under general-inquiry, like one without keywords: a report
   * is acknowledged whenever intake is up (docs/adr/0069).
   */
  private async guessedService(text: string): Promise<{ serviceCode: string; keywords: string[] }> {
    try {
      const { serviceCode, keywords } = await this.bus.request(ClassifyText, { text });
      return { serviceCode, keywords };
    } catch (error) {
      if (error instanceof BusRequestError && ['UNAVAILABLE', 'TIMEOUT'].includes(error.code)) {
        this.logger.warn({
          msg: 'service not guessed: left to staff triage',
          reason: error.code,
        });
        return { serviceCode: FALLBACK_SERVICE, keywords: [] };
      }
      throw error;
    }
  }

  private async handle(email: InboundEmail): Promise<ReceiveOutcome> {
    const fresh = withoutQuotedLines(email.text);
    const ticketNumber = findTicketNumber(this.config.TICKET_PREFIX, email.subject, fresh);
    // One reply per message, however often the relay delivers it.
    const replyKey = email.messageId ? `email:${email.messageId}`.slice(0, 500) : null;
    if (ticketNumber) {
      const logged = await this.bus.request(LogInteraction, {
        ticketNumber,
        channel: Channel.EMAIL,
        summary: clipText(`${email.subject.trim()}\n\n${fresh}`.trim(), MAX_DESCRIPTION),
        visibility: 'INTERNAL',
        ...(replyKey ? { idempotencyKey: replyKey } : {}),
      });
      if (logged.found) {
        this.logger.log({ msg: 'e-mail logged on a case', ticketNumber });
        const outcome: ReceiveOutcome = {
          kind: 'interaction',
          ticketNumber,
          serviceNotice: this.emergencies.inspect(email.subject, fresh).notice,
        };
        // The interaction is committed in cases; should this fail or the service stop before the
        // relay hears 250, the relay re-delivers and the (idempotent) log and this run again.
        await this.replies.queueAlone(ticketNumber, composeReply(email, outcome), replyKey);
        return outcome;
      }
      // A number that belongs to no case: the message is read as a new request.
    }
    const guessed = await this.guessedService(`${email.subject}\n${fresh}`.slice(0, 100_000));
    const address = findAddressLine(fresh);
    const command = {
      description: clipText(`${email.subject.trim()}\n\n${fresh}`.trim(), MAX_DESCRIPTION),
      channel: Channel.EMAIL,
      ...(address ? { location: { address } } : {}),
      reporter: { email: email.fromAddress, ...splitDisplayName(email.fromName) },
      ...(email.messageId ? { idempotencyKey: `email:${email.messageId}`.slice(0, 200) } : {}),
    };
    let serviceCode = guessed.serviceCode;
    const located = !!address;
    const queueReply = (tx: Transaction, accepted: SubmissionReceipt) =>
      this.replies.queue(
        tx,
        accepted.ticketNumber,
        composeReply(email, {
          kind: 'submission',
          ticketNumber: accepted.ticketNumber,
          serviceNotice: accepted.serviceNotice,
          serviceCode,
          located,
        }),
        replyKey,
        accepted.submissionId,
      );
    let receipt;
    try {
      receipt = await this.submit.execute(
        { ...command, serviceCode },
        { via: 'email-receiver' },
        queueReply,
      );
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
      receipt = await this.submit.execute(
        { ...command, serviceCode },
        { via: 'email-receiver' },
        queueReply,
      );
    }
    this.logger.log({
      msg: 'e-mail accepted',
      ticketNumber: receipt.ticketNumber,
      serviceCode,
      keywords: guessed.keywords,
      located,
    });
    return {
      kind: 'submission',
      ticketNumber: receipt.ticketNumber,
      serviceNotice: receipt.serviceNotice,
      serviceCode,
      located,
    };
  }
}
