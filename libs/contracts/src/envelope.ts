import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { Identity } from './identity.js';
import { Role, SERVICE_NAMES, type ServiceName } from './roles.js';
import { ContractValidationError, validateAs } from './validation.js';

/**
 * Who caused a message: the service that sent it, and the person (if any) on whose behalf.
 * Handlers check `service` against the contract's allowed senders.
 */
export class Actor {
  @IsIn(SERVICE_NAMES as string[])
  service: ServiceName;

  @IsOptional()
  @IsString()
  sub: string | null;

  @IsArray()
  @IsIn(Object.values(Role), { each: true })
  roles: Role[];

  @IsArray()
  @IsString({ each: true })
  departments: string[];

  @IsOptional()
  @IsString()
  clientId?: string;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export class Envelope<T = unknown> {
  @IsUUID()
  id: string;

  /** The subject the message was declared with, e.g. `cases.evt.case-opened.v1`. */
  @IsString()
  type: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsString()
  correlationId: string;

  @IsOptional()
  @IsString()
  causationId: string | null;

  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;

  /**
   * The W3C trace context of the work that sent it (`version-traceid-spanid-flags`), whose span
   * becomes the parent of the receiver's: absent when the sender does not trace (docs/adr/0079).
   */
  @IsOptional()
  @Matches(TRACEPARENT, {
    message: 'traceparent must be a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>)',
  })
  traceparent?: string;

  @IsObject()
  payload: T;
}

export function actorFor(service: ServiceName, identity: Identity | null): Actor {
  const actor = new Actor();
  actor.service = service;
  actor.sub = identity?.sub ?? null;
  actor.roles = identity ? [...identity.roles] : [];
  actor.departments = identity ? [...identity.departments] : [];
  if (identity?.clientId) {
    actor.clientId = identity.clientId;
  }
  return actor;
}

export function identityOf(actor: Actor): Identity {
  return {
    sub: actor.sub ?? null,
    roles: [...actor.roles],
    departments: [...actor.departments],
    ...(actor.clientId ? { clientId: actor.clientId } : {}),
  };
}

/**
 * Validates an envelope as it arrives, without copying its payload: the payload is validated on
 * its own against the contract's class (`validateAs`), so a large one (a batch of imported
 * history) is transformed once, not twice.
 */
export function validateEnvelope(raw: unknown, subject: string): Envelope<unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ContractValidationError(subject, [{ field: '(root)', reason: 'must be an object' }]);
  }
  const { payload, ...shell } = raw as Record<string, unknown>;
  const envelope = validateAs(Envelope, { ...shell, payload: {} }, subject) as Envelope<unknown>;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ContractValidationError(subject, [
      { field: 'payload', reason: 'payload must be an object' },
    ]);
  }
  envelope.payload = payload;
  return envelope;
}
