import type { IdentityLinkRef, ReporterContact, ResolveIdentityRequest } from '@civitas/contracts';
import { sealedTestContact } from '../events/submission-accepted.builder.js';

/** Who a spec asks citizens about: the contact as the reporter gave it, a legacy system's id. */
export interface ResolveIdentityInput {
  contact?: ReporterContact;
  link?: IdentityLinkRef;
  /** The sign-in of a resident who reported without contact. */
  residentSub?: string;
}

/**
 * `citizens.cmd.resolve-identity.v1` as cases sends it: the contact sealed with the test keys, as
 * intake sealed it (docs/adr/0023); without a contact the request carries none.
 */
export function aResolveIdentityRequest({
  contact,
  link,
  residentSub,
}: ResolveIdentityInput = {}): ResolveIdentityRequest {
  return {
    ...(contact ? { sealedContact: sealedTestContact(contact) } : {}),
    ...(link ? { link } : {}),
    ...(residentSub ? { residentSub } : {}),
  };
}
