import { domainErrorFor } from '@civitas/contracts';

export enum RoutingRuleErrorCode {
  RuleNotFound = 'RULE_NOT_FOUND',
  EmptyWhen = 'EMPTY_CONDITIONS',
  UnknownService = 'UNKNOWN_SERVICE',
  UnknownDistrict = 'UNKNOWN_DISTRICT',
  UnknownDepartment = 'UNKNOWN_DEPARTMENT',
  UnknownQueue = 'UNKNOWN_QUEUE',
  UnknownAttribute = 'UNKNOWN_ATTRIBUTE',
  QueueNotInDepartment = 'QUEUE_NOT_IN_DEPARTMENT',
  /** A move to a place outside the evaluation order (0 to the number of rules less one). */
  PositionOutOfRange = 'POSITION_OUT_OF_RANGE',
  /** A supervisor acting on a rule of a department they do not supervise. */
  OutsideDepartments = 'FORBIDDEN',
}

export class RoutingRuleException extends domainErrorFor<RoutingRuleErrorCode>({
  [RoutingRuleErrorCode.RuleNotFound]: 'not-found',
  [RoutingRuleErrorCode.EmptyWhen]: 'invalid',
  [RoutingRuleErrorCode.UnknownService]: 'invalid',
  [RoutingRuleErrorCode.UnknownDistrict]: 'invalid',
  [RoutingRuleErrorCode.UnknownDepartment]: 'invalid',
  [RoutingRuleErrorCode.UnknownQueue]: 'invalid',
  [RoutingRuleErrorCode.UnknownAttribute]: 'invalid',
  [RoutingRuleErrorCode.QueueNotInDepartment]: 'invalid',
  [RoutingRuleErrorCode.PositionOutOfRange]: 'invalid',
  [RoutingRuleErrorCode.OutsideDepartments]: 'forbidden',
}) {}
