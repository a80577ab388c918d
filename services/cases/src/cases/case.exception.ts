import { domainErrorFor } from '@civitas/contracts';

/** Why staff could not work a case (change its status, add a note, mark it a duplicate). */
export enum CaseErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  NotRouted = 'CASE_NOT_ROUTED',
  TransitionNotAllowed = 'CASE_TRANSITION_NOT_ALLOWED',
  /** A parent that is itself a duplicate: staff are pointed to the case it duplicates. */
  ParentIsDuplicate = 'CASE_PARENT_IS_DUPLICATE',
  /** Input that is wrong whatever the case's state: closing without a resolution, a case its own duplicate. */
  InvalidInput = 'BAD_USER_INPUT',
  OutsideDepartments = 'FORBIDDEN',
  /** Assigning a closed case (docs/adr/0059). */
  CaseClosed = 'CASE_CLOSED',
  /** Someone not in the staff directory (or a caller who is not) named as an assignee. */
  StaffNotFound = 'STAFF_NOT_FOUND',
  StaffInactive = 'STAFF_INACTIVE',
  /** The assignee does not work for the case's department. */
  AssigneeOutsideDepartment = 'ASSIGNEE_OUTSIDE_DEPARTMENT',
  UnknownDepartment = 'UNKNOWN_DEPARTMENT',
  UnknownQueue = 'UNKNOWN_QUEUE',
  QueueNotInDepartment = 'QUEUE_NOT_IN_DEPARTMENT',
  /** Splitting a case split already into other parts (docs/adr/0062). */
  AlreadySplit = 'CASE_ALREADY_SPLIT',
  /** Splitting a case that is itself a part of a split case. */
  PartOfSplit = 'CASE_IS_PART_OF_SPLIT',
  /** Intake, which numbers the parts of a split, is not answering. */
  IntakeUnavailable = 'INTAKE_UNAVAILABLE',
  /** Rejecting a possible duplicate link the case does not have (docs/adr/0063). */
  NotPossibleDuplicate = 'CASE_NOT_POSSIBLE_DUPLICATE',
}

export class CaseException extends domainErrorFor<CaseErrorCode>({
  [CaseErrorCode.CaseNotFound]: 'not-found',
  [CaseErrorCode.NotRouted]: 'conflict',
  [CaseErrorCode.TransitionNotAllowed]: 'conflict',
  [CaseErrorCode.ParentIsDuplicate]: 'conflict',
  [CaseErrorCode.InvalidInput]: 'invalid',
  [CaseErrorCode.OutsideDepartments]: 'forbidden',
  [CaseErrorCode.CaseClosed]: 'conflict',
  [CaseErrorCode.StaffNotFound]: 'invalid',
  [CaseErrorCode.StaffInactive]: 'conflict',
  [CaseErrorCode.AssigneeOutsideDepartment]: 'invalid',
  [CaseErrorCode.UnknownDepartment]: 'invalid',
  [CaseErrorCode.UnknownQueue]: 'invalid',
  [CaseErrorCode.QueueNotInDepartment]: 'invalid',
  [CaseErrorCode.AlreadySplit]: 'conflict',
  [CaseErrorCode.PartOfSplit]: 'conflict',
  [CaseErrorCode.IntakeUnavailable]: 'unavailable',
  [CaseErrorCode.NotPossibleDuplicate]: 'conflict',
}) {
  /** `field`: the input that named the missing case (`ticketNumber`, or `duplicateOf`). */
  static notFound(ticketNumber: string, field = 'ticketNumber'): CaseException {
    return new CaseException(
      CaseErrorCode.CaseNotFound,
      `No case has ticket number ${ticketNumber}`,
      [{ field, reason: 'no case has this ticket number' }],
    );
  }
}
