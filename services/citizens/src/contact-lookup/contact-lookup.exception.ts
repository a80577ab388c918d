import { domainErrorFor } from '@civitas/contracts';

export enum ContactLookupErrorCode {
  NoUsableContact = 'NO_USABLE_CONTACT',
}

export class ContactLookupException extends domainErrorFor<ContactLookupErrorCode>({
  [ContactLookupErrorCode.NoUsableContact]: 'invalid',
}) {}
