import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { PII_READER_ROLES, type Identity } from '@civitas/contracts';
import type { PiiCipher } from '@civitas/crypto';
import { isUUID } from 'class-validator';
import { PII_CIPHER } from '@civitas/crypto';
import { PiiAccessPolicy, type PiiField } from '../../privacy/pii-access.policy.js';
import type { CitizenEntity } from '../citizen.entity.js';
import { CitizenRepository } from '../citizen.repository.js';
import { CitizenObject } from './citizen.object.js';

const SEALED: Record<PiiField, keyof CitizenEntity> = {
  firstName: 'firstNameEnc',
  lastName: 'lastNameEnc',
  email: 'emailEnc',
  phone: 'phoneEnc',
};

/**
 * The personal fields are `@Public()` for the guard on purpose: whoever reaches a Citizen gets its
 * id, and the decision on each personal field is PiiAccessPolicy's, which audits refusals as well
 * as reads (the guard would refuse without a trace).
 */
@Resolver(() => CitizenObject)
export class CitizenResolver {
  constructor(
    private readonly citizens: CitizenRepository,
    private readonly access: PiiAccessPolicy,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  @Roles(...PII_READER_ROLES)
  @Query(() => CitizenObject, { nullable: true })
  async citizen(@Args('id', { type: () => ID }) id: string): Promise<CitizenObject | null> {
    return this.load(id);
  }

  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): Promise<CitizenObject | null> {
    return this.load(ref.id);
  }

  @Public()
  @ResolveField('firstName', () => String, { nullable: true })
  firstName(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ) {
    return this.reveal(c, 'firstName', who, req);
  }

  @Public()
  @ResolveField('lastName', () => String, { nullable: true })
  lastName(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ) {
    return this.reveal(c, 'lastName', who, req);
  }

  @Public()
  @ResolveField('email', () => String, { nullable: true })
  email(@Parent() c: CitizenObject, @CurrentIdentity() who: Identity, @Context('req') req: object) {
    return this.reveal(c, 'email', who, req);
  }

  @Public()
  @ResolveField('phone', () => String, { nullable: true })
  phone(@Parent() c: CitizenObject, @CurrentIdentity() who: Identity, @Context('req') req: object) {
    return this.reveal(c, 'phone', who, req);
  }

  private async load(id: string): Promise<CitizenObject | null> {
    if (!isUUID(id)) {
      return null;
    }
    const found = await this.citizens.findById(id);
    return found ? CitizenObject.from(found) : null;
  }

  private async reveal(
    citizen: CitizenObject,
    field: PiiField,
    identity: Identity,
    req: object,
  ): Promise<string | null> {
    await this.access.authorise(req, identity, citizen.id, field);
    const entity = citizen.entity ?? (await this.citizens.findById(citizen.id));
    return entity ? this.cipher.decrypt(entity[SEALED[field]] as string | null) : null;
  }
}
