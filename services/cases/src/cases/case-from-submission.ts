import { CaseStatus, type CaseOpenedV1, type SubmissionAcceptedV1 } from '@civitas/contracts';
import type { CaseEntity } from './case.entity.js';

/**
 * The case an accepted submission opens: one way, for live submissions and imported history, and
 * for the provisional view of a ticket whose case is not open yet (docs/adr/0070). The case takes
 * its submission's id, so that view and the case it becomes are one Case to a client's cache.
 */
export function caseFromSubmission(
  submission: SubmissionAcceptedV1,
  reporterId: string | null,
  now: Date,
  parentCaseId: string | null = null,
): CaseEntity {
  return {
    id: submission.submissionId,
    ticketNumber: submission.ticketNumber,
    submissionId: submission.submissionId,
    serviceCode: submission.serviceCode,
    channel: submission.channel,
    // Imported history keeps the status and closure it had in the legacy system.
    status: submission.legacy?.status ?? CaseStatus.NEW,
    priority: null,
    departmentCode: null,
    queueCode: null,
    dueAt: null,
    slaClock: null,
    slaHours: null,
    atRiskAt: null,
    slaHeldSince: null,
    slaHeldMinutes: null,
    slaMovedAt: null,
    reporterId,
    description: submission.description ?? null,
    latitude: submission.location?.latitude ?? null,
    longitude: submission.location?.longitude ?? null,
    address: submission.location?.address ?? null,
    addressId: submission.addressId ?? null,
    emergency: submission.emergency,
    attributes: submission.attributes ?? null,
    mediaUrl: submission.mediaUrl ?? null,
    private: submission.private === true,
    duplicateOfCaseId: null,
    parentCaseId,
    splitParts: null,
    possibleDuplicateOfCaseId: null,
    districtCode: null,
    assigneeSubject: null,
    assignedAt: null,
    openedAt: new Date(submission.receivedAt),
    routedAt: null,
    closedAt: submission.legacy?.closedAt ? new Date(submission.legacy.closedAt) : null,
    updatedAt: now,
  };
}

/** What `case-opened` says of a case just opened from `submission`. */
export function caseOpenedOf(entity: CaseEntity, submission: SubmissionAcceptedV1): CaseOpenedV1 {
  return {
    caseId: entity.id,
    ticketNumber: entity.ticketNumber,
    submissionId: entity.submissionId,
    serviceCode: entity.serviceCode,
    channel: entity.channel,
    reporterId: entity.reporterId,
    description: entity.description ?? undefined,
    location: submission.location,
    emergency: entity.emergency,
    openedAt: entity.openedAt.toISOString(),
    ...(submission.attributes ? { attributes: submission.attributes } : {}),
    // Only when set: history batches carry 500 of these, and absent reads as not private.
    ...(entity.private ? { private: true } : {}),
    // Carried, not stored: cases keeps the description itself, for staff and the reporter.
    publicDescription: submission.publicDescription,
    legacy: submission.legacy,
  };
}
