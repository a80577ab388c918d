import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GetServiceDefinition, SubmissionAccepted, type Channel } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { BusClient, BusRequestError, UnitOfWork } from '@civitas/messaging';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { EmergencyDetector } from '../../../emergencies/emergency-detector.js';
import { SubmissionEntity } from '../../submission.entity.js';
import { SubmissionErrorCode, SubmissionException } from '../../submission.exception.js';
import { SubmissionRepository } from '../../submission.repository.js';

export interface SubmitServiceRequestCommand {
  serviceCode: string;
  description?: string;
  channel: Channel;
  location?: { latitude?: number; longitude?: number; address?: string };
  reporter?: { firstName?: string; lastName?: string; email?: string; phone?: string };
  attributes?: Record<string, string | string[]>;
  idempotencyKey?: string;
}

export interface SubmissionReceipt {
  ticketNumber: string;
  submissionId: string;
  serviceNotice: string | null;
  emergency: boolean;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Accepts a request from any channel: checks it against the catalog, gives it a ticket number,
 * and stores it with its `submission-accepted` event in one transaction.
 */
@Injectable()
export class SubmitServiceRequestUseCase {
  private readonly logger = new Logger(SubmitServiceRequestUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: BusClient,
    private readonly submissions: SubmissionRepository,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    private readonly emergencies: EmergencyDetector,
  ) {}

  async execute(command: SubmitServiceRequestCommand): Promise<SubmissionReceipt> {
    const location = command.location;
    const hasCoordinates = location?.latitude !== undefined && location?.latitude !== null &&
      location?.longitude !== undefined && location?.longitude !== null;
    const hasAddress = !!location?.address?.trim();
    if (!hasCoordinates && !hasAddress) {
      throw new SubmissionException(SubmissionErrorCode.LocationRequired, 'A location is required: latitude and longitude, or an address', [
        { field: 'location', reason: 'give latitude and longitude, or an address' },
      ]);
    }
    if (command.idempotencyKey) {
      const existing = await this.submissions.byIdempotencyKey(command.idempotencyKey);
      if (existing) {
        return this.receiptOf(existing);
      }
    }
    await this.assertKnownService(command.serviceCode);

    const verdict = this.emergencies.inspect(
      command.description,
      ...Object.values(command.attributes ?? {}).flat(),
    );
    const emergency = verdict.emergency;
    if (emergency) {
      this.logger.warn({ msg: 'possible emergency', phrase: verdict.phrase, language: verdict.language });
    }
    try {
      const saved = await this.uow.run(async (tx) => {
        const [{ n }] = (await tx.manager.query("SELECT nextval('ticket_number_seq') AS n")) as { n: string }[];
        const receivedAt = new Date();
        const submission = tx.manager.create(SubmissionEntity, {
          id: randomUUID(),
          ticketNumber: `${this.config.TICKET_PREFIX}-${receivedAt.getUTCFullYear()}-${n.padStart(7, '0')}`,
          channel: command.channel,
          serviceCode: command.serviceCode,
          idempotencyKey: command.idempotencyKey ?? null,
          payloadSealed: this.cipher.encrypt(JSON.stringify(command)),
          emergency,
          serviceNotice: verdict.notice,
          citizenId: null,
          receivedAt,
        });
        await tx.manager.insert(SubmissionEntity, submission);
        await tx.emit(SubmissionAccepted, {
          submissionId: submission.id,
          ticketNumber: submission.ticketNumber,
          serviceCode: submission.serviceCode,
          description: command.description,
          channel: command.channel,
          location: hasCoordinates || hasAddress ? { ...location } : undefined,
          reporter: command.reporter ? { ...command.reporter } : undefined,
          attributes: command.attributes,
          emergency,
          receivedAt: receivedAt.toISOString(),
        });
        return submission;
      });
      this.logger.log({ msg: 'submission accepted', ticketNumber: saved.ticketNumber, channel: saved.channel });
      return this.receiptOf(saved);
    } catch (error) {
      // Two requests with the same idempotency key at once: the loser answers the winner's ticket.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && command.idempotencyKey) {
        const winner = await this.submissions.byIdempotencyKey(command.idempotencyKey);
        if (winner) {
          return this.receiptOf(winner);
        }
      }
      throw error;
    }
  }

  private async assertKnownService(serviceCode: string): Promise<void> {
    let reply;
    try {
      reply = await this.bus.request(GetServiceDefinition, { serviceCode });
    } catch (error) {
      if (error instanceof BusRequestError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')) {
        throw new SubmissionException(SubmissionErrorCode.CatalogUnavailable, 'The service catalog is not answering; try again shortly');
      }
      throw error;
    }
    if (!reply.found) {
      throw new SubmissionException(SubmissionErrorCode.UnknownServiceCode, `Unknown service code "${serviceCode}"`, [
        { field: 'serviceCode', reason: `not in the catalog; known codes: ${reply.knownCodes.join(', ')}` },
      ]);
    }
  }

  private receiptOf(submission: SubmissionEntity): SubmissionReceipt {
    return {
      ticketNumber: submission.ticketNumber,
      submissionId: submission.id,
      serviceNotice: submission.serviceNotice,
      emergency: submission.emergency,
    };
  }
}
