import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { InteractionErrorCode, InteractionException } from '../interaction.exception.js';
import { LogInteractionUseCase } from '../use-cases/log-interaction/log-interaction.use-case.js';
import { InteractionObject } from './interaction.object.js';
import { LogInteractionInput } from './log-interaction.input.js';

@Resolver(() => InteractionObject)
export class InteractionResolver {
  constructor(private readonly logInteractionUseCase: LogInteractionUseCase) {}

  @Roles(Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin)
  @Mutation(() => InteractionObject, {
    description:
      "Logs a call, walk-in or letter about an existing case; it appears on the case's timeline.",
  })
  async logInteraction(
    @Args('input') input: LogInteractionInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<InteractionObject> {
    const outcome = await this.logInteractionUseCase.execute({ ...input, loggedBy: identity.sub });
    if (!outcome.found) {
      throw new InteractionException(
        InteractionErrorCode.CaseNotFound,
        `No case has ticket number ${input.ticketNumber}`,
        [{ field: 'ticketNumber', reason: 'no case has this ticket number' }],
      );
    }
    return InteractionObject.from(outcome.interaction, outcome.ticketNumber);
  }
}
