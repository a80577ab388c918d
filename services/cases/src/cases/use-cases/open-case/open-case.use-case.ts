import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CaseOpened, CaseStatus, ResolveIdentity, type SubmissionAcceptedV1 } from '@civitas/contracts';
import { BusClient, type Transaction } from '@civitas/messaging';
import { CaseEntity } from '../../case.entity.js';
import { TimelineKind } from '../../../timeline/timeline-entry.entity.js';
import { TimelineRepository } from '../../../timeline/timeline.repository.js';

/**
 * Turns an accepted submission into a case: resolves who reported it (citizens), opens the case
 * and emits `case-opened`, all in the consumer's transaction. One submission opens one case.
 */
@Injectable()
export class OpenCaseUseCase {
  private readonly logger = new Logger(OpenCaseUseCase.name);

  constructor(
    private readonly bus: BusClient,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(submission: SubmissionAcceptedV1, tx: Transaction): Promise<CaseEntity> {
    const existing = await tx.manager.findOneBy(CaseEntity, { submissionId: submission.submissionId });
    if (existing) {
      return existing;
    }
    // Transient failures (citizens not answering) throw and the event is redelivered later.
    const identity = await this.bus.request(ResolveIdentity, { contact: submission.reporter });
    const now = new Date();
    const openedAt = new Date(submission.receivedAt);
    const entity = tx.manager.create(CaseEntity, {
      id: randomUUID(),
      ticketNumber: submission.ticketNumber,
      submissionId: submission.submissionId,
      serviceCode: submission.serviceCode,
      channel: submission.channel,
      status: CaseStatus.New,
      priority: null,
      departmentCode: null,
      queueCode: null,
      dueAt: null,
      reporterId: identity.citizenId,
      description: submission.description ?? null,
      latitude: submission.location?.latitude ?? null,
      longitude: submission.location?.longitude ?? null,
      address: submission.location?.address ?? null,
      emergency: submission.emergency,
      openedAt,
      routedAt: null,
      closedAt: null,
      updatedAt: now,
    });
    await tx.manager.insert(CaseEntity, entity);
    await this.timeline.append(tx.manager, {
      caseId: entity.id,
      kind: TimelineKind.Opened,
      summary: `Received via ${submission.channel}`,
      at: openedAt,
    });
    await tx.emit(CaseOpened, {
      caseId: entity.id,
      ticketNumber: entity.ticketNumber,
      submissionId: entity.submissionId,
      serviceCode: entity.serviceCode,
      channel: entity.channel,
      reporterId: entity.reporterId,
      description: entity.description ?? undefined,
      location: submission.location,
      emergency: entity.emergency,
      openedAt: openedAt.toISOString(),
    });
    this.logger.log({ msg: 'case opened', caseId: entity.id, ticketNumber: entity.ticketNumber, match: identity.match });
    return entity;
  }
}
