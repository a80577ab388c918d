import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineRequest } from '../contract.js';
import { ReporterContact, SEALED_VALUE } from './shared.js';

/** A resident's id in a legacy system (for imports): the same link always resolves to the same resident. */
export class IdentityLinkRef {
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_.-]{0,63}$/, {
    message: 'must be 1-64 lower-case letters, digits, "_", "." or "-"',
  })
  sourceSystem: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sourceId: string;
}

/**
 * The contact travels only sealed (docs/adr/0023); the plain `contact` of builds before v1 was
 * removed (docs/adr/0029).
 */
export class ResolveIdentityRequest {
  /** A `ReporterContact` as intake sealed it (`reporterSealed`): citizens opens it (docs/adr/0023). */
  @IsOptional()
  @IsString()
  @Matches(SEALED_VALUE, { message: 'must be a value sealed by libs/crypto (v1:<key id>:…)' })
  @MaxLength(16_000)
  sealedContact?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => IdentityLinkRef)
  link?: IdentityLinkRef;

  /**
   * The sign-in (token subject) of the resident who sent a report with no contact in it: the
   * resident linked to it is the reporter (SIGN_IN); never a new resident, and anonymous while the
   * sign-in is linked to nobody (docs/adr/0096).
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  residentSub?: string;
}

/**
 * How the reporter was recognised: LINK (a legacy system's id), EMAIL, PHONE, NAME_ADDRESS (a
 * probable match on name and postal address), NEW (a new resident; see `possibleMatchOf`),
 * SIGN_IN (the signed-in resident who sent it, no contact given), ANONYMOUS.
 */
export const IDENTITY_MATCHES = [
  'EMAIL',
  'PHONE',
  'NEW',
  'ANONYMOUS',
  'LINK',
  'NAME_ADDRESS',
  'SIGN_IN',
] as const;
export type IdentityMatch = (typeof IDENTITY_MATCHES)[number];

export class ResolveIdentityReply {
  @IsOptional()
  @IsUUID()
  citizenId: string | null;

  @IsIn(IDENTITY_MATCHES as unknown as string[])
  match: IdentityMatch;

  /** For a NEW resident who may be someone already known: staff review the pair. */
  @IsOptional()
  @IsUUID()
  possibleMatchOf?: string;
}

export const ResolveIdentity = defineRequest(
  'citizens.cmd.resolve-identity.v1',
  ResolveIdentityRequest,
  ResolveIdentityReply,
  ['cases'],
);
