import { domainErrorFor } from '@civitas/contracts';

export enum DistrictErrorCode {
  /** Input that cannot be a district, e.g. a boundary that is not a closed polygon. */
  InvalidInput = 'BAD_USER_INPUT',
}

export class DistrictException extends domainErrorFor<DistrictErrorCode>({
  [DistrictErrorCode.InvalidInput]: 'invalid',
}) {}
