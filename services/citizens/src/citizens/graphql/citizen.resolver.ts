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
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { isUUID } from 'class-validator';
import { PiiAccessPolicy, type PiiField, statePurpose } from '../../privacy/index.js';
import type { CitizenEntity } from '../citizen.entity.js';
import { CitizenRepository } from '../citizen.repository.js';
import {
  CitizenObject,
  ContactPointKindValue,
  ContactPointObject,
  IdentityLinkObject,
} from './citizen.object.js';

type SealedField = 'firstName' | 'lastName' | 'organisationName' | 'email' | 'phone';

const SEALED: Record<SealedField, keyof CitizenEntity> = {
  firstName: 'firstNameEnc',
  lastName: 'lastNameEnc',
  organisationName: 'organisationNameEnc',
  email: 'emailEnc',
  phone: 'phoneEnc',
};

const PURPOSE =
  'Why you read this personal data (kept in the audit log), e.g. "call about SR-2026-0000042".';

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
  async citizen(
    @Args('id', { type: () => ID }) id: string,
    @Args('purpose', { type: () => String, nullable: true, description: PURPOSE })
    purpose: string | undefined,
    @Context('req') req: object,
  ): Promise<CitizenObject | null> {
    statePurpose(req, purpose);
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
  @ResolveField('organisationName', () => String, { nullable: true })
  organisationName(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ) {
    return this.reveal(c, 'organisationName', who, req);
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

  @Public()
  @ResolveField('contactPoints', () => [ContactPointObject], { nullable: true })
  async contactPoints(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ): Promise<ContactPointObject[]> {
    await this.access.authorise(req, who, c.id, 'contactPoints');
    return (await this.citizens.contactPoints(c.id)).map((p) =>
      Object.assign(new ContactPointObject(), {
        kind: p.kind as ContactPointKindValue,
        value: this.cipher.decrypt(p.valueEnc),
        addedAt: p.createdAt,
      }),
    );
  }

  @Public()
  @ResolveField('identityLinks', () => [IdentityLinkObject], { nullable: true })
  async identityLinks(
    @Parent() c: CitizenObject,
    @CurrentIdentity() who: Identity,
    @Context('req') req: object,
  ): Promise<IdentityLinkObject[]> {
    await this.access.authorise(req, who, c.id, 'identityLinks');
    return (await this.citizens.identityLinks(c.id)).map((l) =>
      Object.assign(new IdentityLinkObject(), {
        sourceSystem: l.sourceSystem,
        sourceId: this.cipher.decrypt(l.sourceIdEnc),
      }),
    );
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
    field: SealedField & PiiField,
    identity: Identity,
    req: object,
  ): Promise<string | null> {
    await this.access.authorise(req, identity, citizen.id, field);
    const entity = citizen.entity ?? (await this.citizens.findById(citizen.id));
    return entity ? this.cipher.decrypt(entity[SEALED[field]] as string | null) : null;
  }
}
