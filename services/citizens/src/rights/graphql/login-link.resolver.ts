import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { LoginLinkCodeSentObject } from '../../contact-verification/index.js';
import type { LoginLinkRequestEntity } from '../login-link-request.entity.js';
import { LinkLoginUseCase } from '../use-cases/link-login/link-login.use-case.js';
import { LoginLinkApprovalUseCase } from '../use-cases/link-login/login-link-approval.use-case.js';

@ObjectType('LoginLinkRequest', {
  description:
    'A request to link a sign-in without the resident’s code, for a supervisor to decide.',
})
export class LoginLinkRequestObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  citizenId: string;

  @Field({ description: 'PENDING, APPROVED or REJECTED.' })
  status: string;

  @Field()
  requestedBy: string;

  @Field()
  reason: string;

  @Field()
  requestedAt: Date;

  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

function toObject(r: LoginLinkRequestEntity): LoginLinkRequestObject {
  return Object.assign(new LoginLinkRequestObject(), {
    id: r.id,
    citizenId: r.citizenId,
    status: r.status,
    requestedBy: r.requestedBy,
    reason: r.reason,
    requestedAt: r.createdAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
  });
}

/** How staff prove a sign-in belongs to a resident before linking it (ADR 0040). */
@Resolver()
export class LoginLinkResolver {
  constructor(
    private readonly linkLogin: LinkLoginUseCase,
    private readonly approval: LoginLinkApprovalUseCase,
  ) {}

  @Roles(Role.Agent, Role.Supervisor, Role.Admin)
  @Mutation(() => LoginLinkCodeSentObject, {
    description:
      'Send the resident a one-time code at their own e-mail (else phone), for them to read out to you; then linkLogin with it. Rate-limited.',
  })
  async sendLoginLinkCode(
    @Args('citizenId', { type: () => ID }) citizenId: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<LoginLinkCodeSentObject> {
    return Object.assign(
      new LoginLinkCodeSentObject(),
      await this.linkLogin.sendCode(citizenId, actor),
    );
  }

  @Roles(Role.Agent, Role.Supervisor, Role.Admin)
  @Mutation(() => LoginLinkRequestObject, {
    description:
      'Ask for a sign-in to be linked without the resident’s code (say why); a supervisor or admin other than you decides.',
  })
  async requestLoginLink(
    @Args('citizenId', { type: () => ID }) citizenId: string,
    @Args('sub', { type: () => String }) sub: string,
    @Args('reason', { type: () => String }) reason: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<LoginLinkRequestObject> {
    return toObject(await this.approval.request(citizenId, sub, reason, actor));
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [LoginLinkRequestObject], {
    description: 'Requests waiting for a decision, oldest first.',
  })
  async pendingLoginLinks(
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
  ): Promise<LoginLinkRequestObject[]> {
    return (await this.approval.pending(Math.min(Math.max(limit, 1), 500))).map(toObject);
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => LoginLinkRequestObject, {
    description: 'Approve (the sign-in is linked) or reject a request someone else made. Audited.',
  })
  async decideLoginLink(
    @Args('id', { type: () => ID }) id: string,
    @Args('approve', { type: () => Boolean }) approve: boolean,
    @CurrentIdentity() actor: Identity,
  ): Promise<LoginLinkRequestObject> {
    return toObject(await this.approval.decide(id, approve, actor));
  }
}
