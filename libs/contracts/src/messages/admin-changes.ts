import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent, type EventContract } from '../contract.js';
import type { ServiceName } from '../roles.js';

/** What an admin or supervisor changed: the configuration the services hold (docs/adr/0092). */
export const ADMIN_CHANGE_KINDS = [
  'SERVICE',
  'SERVICE_ATTRIBUTES',
  'DEPARTMENT',
  'QUEUE',
  'DISTRICT',
  'BUSINESS_CALENDAR',
  'ROUTING_RULE',
  'STAFF_MEMBER',
  'API_KEY',
  'CITIZEN_MERGE',
  'POSSIBLE_MATCH',
] as const;
export type AdminChangeKind = (typeof ADMIN_CHANGE_KINDS)[number];

export const ADMIN_CHANGE_ACTIONS = [
  'CREATED',
  'UPDATED',
  'DELETED',
  'MOVED',
  'REVOKED',
  'MERGED',
  'UNMERGED',
  'RESOLVED',
] as const;
export type AdminChangeAction = (typeof ADMIN_CHANGE_ACTIONS)[number];

/** The longest JSON text kept of one value; longer ones are cut (a district's boundary). */
export const ADMIN_CHANGE_VALUE_MAX = 500;

/**
 * One field that changed, its values as JSON text (null: absent). A field whose values must not be
 * kept (a staff member's name, anything personal) has both null and `withheld` set.
 */
export class AdminFieldChange {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  field: string;

  @IsOptional()
  @IsString()
  @MaxLength(ADMIN_CHANGE_VALUE_MAX + 100)
  before: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(ADMIN_CHANGE_VALUE_MAX + 100)
  after: string | null;

  @IsOptional()
  @IsIn([true])
  withheld?: true;
}

/**
 * A configuration change made through the API, emitted in the transaction that made it (so a
 * change that fails emits nothing) and stored append-only by citizens with the envelope's actor.
 * Each owning service publishes it on its own subject; the payload is the same.
 */
export class AdminChangeRecordedV1 {
  @IsIn(ADMIN_CHANGE_KINDS as unknown as string[])
  kind: AdminChangeKind;

  /** The changed thing's code or id (a service's code, a key's id, a merge's id). */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  entityId: string;

  @IsIn(ADMIN_CHANGE_ACTIONS as unknown as string[])
  action: AdminChangeAction;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AdminFieldChange)
  changes: AdminFieldChange[];

  @IsISO8601({ strict: true })
  changedAt: string;
}

export const RoutingAdminChangeRecorded = defineEvent(
  'routing.evt.admin-change-recorded.v1',
  AdminChangeRecordedV1,
);
export const CasesAdminChangeRecorded = defineEvent(
  'cases.evt.admin-change-recorded.v1',
  AdminChangeRecordedV1,
);
export const IntakeAdminChangeRecorded = defineEvent(
  'intake.evt.admin-change-recorded.v1',
  AdminChangeRecordedV1,
);
export const CitizensAdminChangeRecorded = defineEvent(
  'citizens.evt.admin-change-recorded.v1',
  AdminChangeRecordedV1,
);

/** The subject each service records its admin changes on (analytics makes none). */
export const ADMIN_CHANGE_RECORDED: Partial<
  Record<ServiceName, EventContract<AdminChangeRecordedV1>>
> = {
  routing: RoutingAdminChangeRecorded,
  cases: CasesAdminChangeRecorded,
  intake: IntakeAdminChangeRecorded,
  citizens: CitizensAdminChangeRecorded,
};
