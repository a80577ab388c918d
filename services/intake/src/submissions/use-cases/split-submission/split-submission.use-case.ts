import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Channel,
  type FieldProblem,
  type ServiceDefinitionView,
  type SplitSubmissionReply,
  type SplitSubmissionRequest,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { RequestRejected } from '@civitas/messaging';
import { SubmissionException } from '../../submission.exception.js';
import { SubmissionRepository } from '../../submission.repository.js';
import {
  SubmitServiceRequestUseCase,
  type SubmitServiceRequestCommand,
} from '../submit-service-request/submit-service-request.use-case.js';

/**
 * Staff split a case (docs/adr/0062): each part is accepted like any submission — its own ticket
 * number, `submission-accepted`, the catalog check — carrying what only intake holds of the
 * parent: its sealed reporter, channel, place and the reporter's language, plus the parent's
 * ticket. Every part's service is checked before any is accepted, so a wrong code refuses the
 * whole split, naming the part (`parts[1].serviceCode`).
 *
 * Each part is accepted under an idempotency key made of the parent, the parts asked for and the
 * part's position: the same split asked again (cases retrying after a failure) answers the same
 * tickets and accepts nothing new.
 */
@Injectable()
export class SplitSubmissionUseCase {
  private readonly logger = new Logger(SplitSubmissionUseCase.name);

  constructor(
    private readonly submissions: SubmissionRepository,
    private readonly submit: SubmitServiceRequestUseCase,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async execute(request: SplitSubmissionRequest): Promise<SplitSubmissionReply> {
    const parent = await this.submissions.byTicketNumber(request.parentTicketNumber);
    if (!parent) {
      throw new RequestRejected(
        'NOT_FOUND',
        `No submission has ticket number ${request.parentTicketNumber}`,
        [{ field: 'ticketNumber', reason: 'no request has this ticket number' }],
      );
    }
    if (parent.channel === Channel.LEGACY_IMPORT) {
      throw new RequestRejected(
        'BAD_REQUEST',
        `${parent.ticketNumber} is imported history, which is not split`,
        [{ field: 'ticketNumber', reason: 'is imported history, which is not split' }],
      );
    }
    const services = await this.servicesOf(request);
    const original = JSON.parse(
      this.cipher.decrypt(parent.payloadSealed),
    ) as Partial<SubmitServiceRequestCommand>;
    const splitKey = createHash('sha256')
      .update(JSON.stringify([parent.id, request.parts]))
      .digest('hex')
      .slice(0, 32);
    const children: SplitSubmissionReply['children'] = [];
    for (const [position, part] of request.parts.entries()) {
      const isPrivate =
        request.private || original.private === true || services[position].alwaysPrivate === true;
      const receipt = await this.submit.execute(
        {
          serviceCode: part.serviceCode,
          description: part.description,
          channel: parent.channel,
          location: original.location,
          // The whole contact (name, e-mail, phone, language) as the reporter gave it.
          reporter: original.reporter,
          private: isPrivate,
          idempotencyKey: `split:${splitKey}:${position}`,
        },
        {
          via: 'split',
          parentTicketNumber: parent.ticketNumber,
          splitBy: request.splitBy,
        },
      );
      children.push({
        ticketNumber: receipt.ticketNumber,
        submissionId: receipt.submissionId,
        serviceCode: part.serviceCode,
        private: isPrivate,
      });
    }
    this.logger.log({
      msg: 'submission split',
      parentTicketNumber: parent.ticketNumber,
      children: children.map((c) => c.ticketNumber),
      by: request.splitBy,
    });
    return { children };
  }

  /** Every part's service, asked of the catalog before any part is accepted. */
  private async servicesOf(request: SplitSubmissionRequest): Promise<ServiceDefinitionView[]> {
    const problems: FieldProblem[] = [];
    const services: ServiceDefinitionView[] = [];
    for (const [position, part] of request.parts.entries()) {
      try {
        services.push(await this.submit.knownService(part.serviceCode));
      } catch (error) {
        if (!(error instanceof SubmissionException) || error.kind !== 'invalid') {
          throw error;
        }
        problems.push(
          ...error.problems.map((p) => ({ ...p, field: `parts[${position}].${p.field}` })),
        );
      }
    }
    if (problems.length > 0) {
      throw new RequestRejected(
        'BAD_REQUEST',
        `Some parts name no active service: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
    return services;
  }
}
