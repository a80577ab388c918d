import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { defineRequest } from '../contract.js';
import { ReporterContact } from './shared.js';

export class ResolveIdentityRequest {
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterContact)
  contact?: ReporterContact;
}

export const IDENTITY_MATCHES = ['EMAIL', 'PHONE', 'NEW', 'ANONYMOUS'] as const;
export type IdentityMatch = (typeof IDENTITY_MATCHES)[number];

export class ResolveIdentityReply {
  @IsOptional()
  @IsUUID()
  citizenId: string | null;

  @IsIn(IDENTITY_MATCHES as unknown as string[])
  match: IdentityMatch;
}

export const ResolveIdentity = defineRequest(
  'citizens.cmd.resolve-identity.v1',
  ResolveIdentityRequest,
  ResolveIdentityReply,
  ['cases'],
);
