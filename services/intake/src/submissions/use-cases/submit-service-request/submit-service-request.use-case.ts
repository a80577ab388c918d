import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Channel,
  checkAttributeAnswers,
  DEFAULT_DUPLICATE_SEARCH,
  FindNearbyOpenCase,
  SubmissionAccepted,
  type AttributeAnswer,
  type AttributeValues,
  type GeoLocation,
  type Identity,
  type ServiceDefinitionView,
} from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { BusClient, BusRequestError, UnitOfWork, type Transaction } from '@civitas/messaging';
import { ServiceCatalog } from '../../../catalog/index.js';
import { INTAKE_CONFIG } from '../../../config/intake-config.token.js';
import type { IntakeConfig } from '../../../config/intake.config.js';
import { EmergencyDetector } from '../../../emergencies/index.js';
import { alreadyReportedNotice } from '../../already-reported-notice.js';
import { channelRefusal } from '../../channel-policy.js';
import { placeOf } from '../../place.js';
import { publicDescriptionOf } from '../../public-description.js';
import type { SubmissionEntity } from '../../submission.entity.js';
import { SubmissionErrorCode, SubmissionException } from '../../submission.exception.js';
import { SubmissionRepository } from '../../submission.repository.js';

export interface SubmitServiceRequestCommand {
  serviceCode: string;
  description?: string;
  channel: Channel;
  /** `addressId`: the place's id in the jurisdiction's address repository (Open311 `address_id`). */
  location?: { latitude?: number; longitude?: number; address?: string; addressId?: string };
  reporter?: {
    firstName?: string;
    lastName?: string;
    email?: string;
    phone?: string;
    /** The reporter's own postal address (not the problem's location). */
    postalAddress?: string;
    organisationName?: string;
    /** BCP 47 tag, e.g. `es`: the language residents are written to in. */
    preferredLanguage?: string;
  };
  /** Answers to the service's questions, each with all its values (several for a multivaluelist). */
  attributes?: AttributeAnswer[];
  mediaUrl?: string;
  /** The device it was sent from (Open311 `device_id`): kept sealed with the submission only. */
  deviceId?: string;
  /** The reporter asks to keep it private; a service may also be private always. */
  private?: boolean;
  idempotencyKey?: string;
}

/**
 * Who is submitting: a caller through the graph (the channel must be one they may use), or
 * intake's own e-mail receiver, whose messages are triaged by staff (see docs/adr/0013).
 */
export type SubmissionOrigin =
  | { via: 'graphql'; identity: Identity }
  | { via: 'email-receiver' }
  /** A part of a case staff split (docs/adr/0062): `splitBy` is the staff member's subject. */
  | { via: 'split'; parentTicketNumber: string; splitBy: string };

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
    private readonly catalog: ServiceCatalog,
  ) {}

  /**
   * `withSubmission` runs in the submission's own transaction, once, when a new submission is
   * stored (not when an idempotency key answers an earlier one): what must be committed with it,
   * such as the reply owed to an e-mail (docs/adr/0021).
   */
  async execute(
    command: SubmitServiceRequestCommand,
    origin: SubmissionOrigin,
    withSubmission?: (tx: Transaction, receipt: SubmissionReceipt) => Promise<void>,
  ): Promise<SubmissionReceipt> {
    this.assertChannel(command.channel, origin);
    const place = placeOf(command.location);
    const addressId = command.location?.addressId?.trim() || undefined;
    // An e-mail often says nowhere where; it is accepted and staff find the place at triage.
    if (!place && !addressId && command.channel !== Channel.EMAIL) {
      throw new SubmissionException(
        SubmissionErrorCode.LocationRequired,
        'A location is required: latitude and longitude, an address, or an address id',
        [
          {
            field: 'location',
            reason: 'give latitude and longitude, an address, or an address id',
          },
        ],
      );
    }
    if (command.idempotencyKey) {
      const existing = await this.submissions.byIdempotencyKey(command.idempotencyKey);
      if (existing) {
        return this.receiptOf(existing);
      }
    }
    const service = await this.knownService(command.serviceCode);
    const attributes = this.checkedAttributes(service, command.attributes, origin);

    const verdict = this.emergencies.inspect(
      command.description,
      ...Object.values(attributes ?? {}).flat(),
    );
    const emergency = verdict.emergency;
    if (emergency) {
      this.logger.warn({
        msg: 'possible emergency',
        phrase: verdict.phrase,
        language: verdict.language,
      });
    }
    // A possible emergency keeps its own notice: ringing 911 matters more than a ticket to follow.
    const notice =
      verdict.notice ??
      (await this.alreadyReportedNotice(
        command.serviceCode,
        place,
        service,
        command.reporter?.preferredLanguage,
      ));
    const isPrivate = command.private === true || service.alwaysPrivate === true;
    try {
      const saved = await this.uow.run(async (tx) => {
        const n = await this.submissions.nextTicketNumber(tx);
        const receivedAt = new Date();
        const submission = await this.submissions.accept(tx, {
          id: randomUUID(),
          ticketNumber: `${this.config.TICKET_PREFIX}-${receivedAt.getUTCFullYear()}-${n.padStart(7, '0')}`,
          channel: command.channel,
          serviceCode: command.serviceCode,
          idempotencyKey: command.idempotencyKey ?? null,
          payloadSealed: this.cipher.encrypt(JSON.stringify(command)),
          emergency,
          private: isPrivate,
          serviceNotice: notice,
          citizenId: null,
          receivedAt,
          submittedBySub:
            origin.via === 'graphql'
              ? origin.identity.sub
              : origin.via === 'split'
                ? origin.splitBy
                : null,
          submittedByClient: origin.via === 'graphql' ? (origin.identity.clientId ?? null) : null,
        });
        await tx.emit(SubmissionAccepted, {
          submissionId: submission.id,
          ticketNumber: submission.ticketNumber,
          serviceCode: submission.serviceCode,
          description: command.description,
          publicDescription: publicDescriptionOf(command.description, command.reporter),
          channel: command.channel,
          location: place,
          addressId,
          // Sealed for citizens: no copy of the event on the stream holds the person in clear.
          reporterSealed: hasContact(command.reporter)
            ? this.cipher.encrypt(JSON.stringify(command.reporter))
            : undefined,
          attributes,
          emergency,
          receivedAt: receivedAt.toISOString(),
          mediaUrl: command.mediaUrl,
          ...(service.duplicateSearch ? { duplicateSearch: service.duplicateSearch } : {}),
          ...(isPrivate ? { private: true } : {}),
          ...(origin.via === 'split' ? { parentTicketNumber: origin.parentTicketNumber } : {}),
        });
        await withSubmission?.(tx, this.receiptOf(submission));
        return submission;
      });
      this.logger.log({
        msg: 'submission accepted',
        ticketNumber: saved.ticketNumber,
        channel: saved.channel,
      });
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

  private assertChannel(channel: Channel, origin: SubmissionOrigin): void {
    // A part of a split case keeps the channel its parent came in on, whoever splits it.
    const refusal =
      origin.via === 'graphql'
        ? channelRefusal(origin.identity, channel)
        : origin.via === 'split' || channel === Channel.EMAIL
          ? null
          : 'the e-mail receiver submits only on channel EMAIL';
    if (refusal) {
      throw new SubmissionException(
        SubmissionErrorCode.ForbiddenChannel,
        `You may not submit on channel ${channel}`,
        [{ field: 'channel', reason: refusal }],
      );
    }
  }

  /**
   * The answers checked against the service's definition, the same way whichever channel they came
   * from (docs/adr/0012). Answers missing from an e-mail, or from a part staff split off a case,
   * are left to staff triage.
   */
  private checkedAttributes(
    service: ServiceDefinitionView,
    answers: AttributeAnswer[] | undefined,
    origin: SubmissionOrigin,
  ): AttributeValues | undefined {
    const check = checkAttributeAnswers(service.attributes ?? [], answers, {
      requireAnswers: origin.via === 'graphql',
    });
    if (check.problems.length > 0) {
      throw new SubmissionException(
        SubmissionErrorCode.InvalidAttribute,
        `Some answers do not fit the questions of "${service.code}": ${check.problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
        check.problems,
      );
    }
    return Object.keys(check.values).length > 0 ? check.values : undefined;
  }

  /**
   * The service's definition from intake's own copy of the catalog, so a report is accepted while
   * routing is down (docs/adr/0069); refused (naming `serviceCode`) when it is unknown or retired,
   * and CATALOG_UNAVAILABLE only while the copy is still empty and routing does not answer.
   */
  async knownService(serviceCode: string): Promise<ServiceDefinitionView> {
    const found = await this.catalog.lookup(serviceCode);
    if (found.state === 'unavailable') {
      throw new SubmissionException(
        SubmissionErrorCode.CatalogUnavailable,
        'The service catalog is not known yet; try again shortly',
      );
    }
    if (found.state === 'unknown') {
      throw new SubmissionException(
        SubmissionErrorCode.UnknownServiceCode,
        `Unknown service code "${serviceCode}"`,
        [
          {
            field: 'serviceCode',
            reason: `not in the catalog; known codes: ${found.knownCodes.join(', ')}`,
          },
        ],
      );
    }
    return found.service;
  }

  /**
   * "Already reported as <ticket>" when cases knows an open, public request of the service near
   * the place (docs/adr/0063). Best-effort: a report is accepted whether or not cases answers
   * (issue 12), so it waits at most NEARBY_CASE_TIMEOUT_MS and any failure means no such notice.
   * Cases links the case itself when it opens it, whatever was said here.
   */
  private async alreadyReportedNotice(
    serviceCode: string,
    place: GeoLocation | undefined,
    service: ServiceDefinitionView,
    language: string | undefined,
  ): Promise<string | null> {
    const search = service.duplicateSearch ?? DEFAULT_DUPLICATE_SEARCH;
    if (
      place?.latitude === undefined ||
      place.longitude === undefined ||
      search.radiusMeters <= 0
    ) {
      return null;
    }
    try {
      const reply = await this.bus.request(
        FindNearbyOpenCase,
        { serviceCode, latitude: place.latitude, longitude: place.longitude, search },
        this.config.NEARBY_CASE_TIMEOUT_MS,
      );
      return reply.ticketNumber ? alreadyReportedNotice(reply.ticketNumber, language) : null;
    } catch (error) {
      this.logger.warn({
        msg: 'nearby cases not known: answered without them',
        reason: error instanceof BusRequestError ? error.code : String(error),
      });
      return null;
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

/** Whether the reporter gave anything to be known by: otherwise the report stays anonymous. */
function hasContact(reporter: object | undefined): reporter is object {
  return (
    reporter !== undefined &&
    Object.values(reporter).some((v) => typeof v === 'string' && v.trim() !== '')
  );
}
