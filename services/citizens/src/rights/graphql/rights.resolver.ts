import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import {
  type CitizenEntity,
  CitizenKindValue,
  ContactPointKindValue,
  ContactPointObject,
} from '../../citizens/index.js';
import {
  type ConsentChannelValue,
  ConsentObject,
  type ConsentPurposeValue,
  type ConsentSourceValue,
} from '../../consents/index.js';
import {
  ClaimContactPointUseCase,
  VerifyContactPointUseCase,
} from '../../contact-verification/index.js';
import { ResidentLinks } from '../../resident-links/index.js';
import { PROFILE_FIELDS, ResidentProfiles } from '../resident-profile.js';
import { SelfAccessAudit } from '../self-access.js';
import { EraseCitizenUseCase } from '../use-cases/erase-citizen/erase-citizen.use-case.js';
import { LinkLoginUseCase } from '../use-cases/link-login/link-login.use-case.js';
import { RequestMyDataUseCase } from '../use-cases/request-my-data/request-my-data.use-case.js';
import { UpdateMyProfileUseCase } from '../use-cases/update-my-profile/update-my-profile.use-case.js';
import { JsonScalar } from './json.scalar.js';
import { ErasureObject, ResidentProfileObject } from './resident-profile.object.js';
import {
  ContactPointInput,
  UpdateMyProfileInput,
  VerifyContactPointInput,
} from './update-my-profile.input.js';

/** A signed-in resident's own data (role `resident`, their sign-in linked to a profile). */
@Resolver(() => ResidentProfileObject)
export class RightsResolver {
  constructor(
    private readonly residents: ResidentLinks,
    private readonly profiles: ResidentProfiles,
    private readonly selfAccess: SelfAccessAudit,
    private readonly linkLoginUseCase: LinkLoginUseCase,
    private readonly updateMyProfileUseCase: UpdateMyProfileUseCase,
    private readonly requestMyDataUseCase: RequestMyDataUseCase,
    private readonly eraseCitizenUseCase: EraseCitizenUseCase,
    private readonly claimContactPoint: ClaimContactPointUseCase,
    private readonly verifyContactPoint: VerifyContactPointUseCase,
  ) {}

  @Roles(Role.Agent, Role.Supervisor, Role.Admin)
  @Mutation(() => Boolean, {
    description:
      "Link a resident's sign-in (their token subject) to their profile, so they can use `me`. Needs `code`: the one sent to the resident by sendLoginLinkCode, read out by them (without one: requestLoginLink, for a supervisor to approve). Audited.",
  })
  async linkLogin(
    @Args('citizenId', { type: () => ID }) citizenId: string,
    @Args('sub', { type: () => String }) sub: string,
    @Args('code', { type: () => String, nullable: true }) code: string | null,
    @CurrentIdentity() actor: Identity,
  ): Promise<boolean> {
    await this.linkLoginUseCase.execute(citizenId, sub, code, actor);
    return true;
  }

  @Roles(Role.Resident)
  @Query(() => ResidentProfileObject, {
    description: 'Your own profile, contact points and consents.',
  })
  async me(@CurrentIdentity() who: Identity): Promise<ResidentProfileObject> {
    return this.profileOf(who, await this.residents.citizenOf(who));
  }

  @Roles(Role.Resident)
  @Mutation(() => ResidentProfileObject, {
    description: 'Change your preferred language and contact points.',
  })
  async updateMyProfile(
    @Args('input') input: UpdateMyProfileInput,
    @CurrentIdentity() who: Identity,
  ): Promise<ResidentProfileObject> {
    return this.profileOf(who, await this.updateMyProfileUseCase.execute(who, input));
  }

  @Roles(Role.Resident)
  @Mutation(() => ResidentProfileObject, {
    description:
      'Enter the code sent to an e-mail or phone you added: it then identifies you and may be sent updates.',
  })
  async verifyMyContactPoint(
    @Args('input') input: VerifyContactPointInput,
    @CurrentIdentity() who: Identity,
  ): Promise<ResidentProfileObject> {
    const self = await this.residents.citizenOf(who);
    await this.verifyContactPoint.execute(self.id, input);
    return this.profileOf(who, await this.residents.citizenOf(who));
  }

  @Roles(Role.Resident)
  @Mutation(() => ResidentProfileObject, {
    description:
      'Send a new code to an e-mail or phone you added (the old one stops working). Rate-limited.',
  })
  async resendContactPointCode(
    @Args('input') input: ContactPointInput,
    @CurrentIdentity() who: Identity,
  ): Promise<ResidentProfileObject> {
    const self = await this.residents.citizenOf(who);
    await this.claimContactPoint.resend(self.id, input);
    return this.profileOf(who, self);
  }

  @Roles(Role.Resident)
  @Query(() => JsonScalar, {
    description:
      'Everything held about you across services (profile, consents, who read your data, submissions, cases), as one JSON document.',
  })
  requestMyData(@CurrentIdentity() who: Identity): Promise<Record<string, unknown>> {
    return this.requestMyDataUseCase.execute(who);
  }

  @Roles(Role.Resident)
  @Mutation(() => ErasureObject, {
    description:
      'Erase your personal data here and in every service (cases keep only non-personal facts). Your sign-in is unlinked.',
  })
  async eraseMe(@CurrentIdentity() who: Identity): Promise<ErasureObject> {
    return Object.assign(new ErasureObject(), await this.eraseCitizenUseCase.eraseSelf(who));
  }

  @Roles(Role.Admin)
  @Mutation(() => ErasureObject, {
    description:
      "Erase a resident's personal data (e.g. a request received by letter). Idempotent.",
  })
  async eraseCitizen(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<ErasureObject> {
    return Object.assign(
      new ErasureObject(),
      await this.eraseCitizenUseCase.execute(id, reason, actor),
    );
  }

  private async profileOf(who: Identity, citizen: CitizenEntity): Promise<ResidentProfileObject> {
    const profile = await this.profiles.of(citizen);
    await this.selfAccess.record(who, citizen.id, PROFILE_FIELDS);
    return Object.assign(new ResidentProfileObject(), {
      ...profile,
      kind: profile.kind as CitizenKindValue,
      contactPoints: profile.contactPoints.map((p) =>
        Object.assign(new ContactPointObject(), { ...p, kind: p.kind as ContactPointKindValue }),
      ),
      consents: profile.consents.map((c) =>
        Object.assign(new ConsentObject(), {
          ...c,
          channel: c.channel as ConsentChannelValue,
          purpose: c.purpose as ConsentPurposeValue,
          source: c.source as ConsentSourceValue,
        }),
      ),
    });
  }
}
