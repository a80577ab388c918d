import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role } from '@civitas/contracts';
import { PreviewRoutingUseCase } from '../use-cases/preview-routing/preview-routing.use-case.js';
import { PreviewRoutingInput } from './routing-preview.input.js';
import { RoutingPreviewObject } from './routing-preview.object.js';

/**
 * Staff who take or work cases (agents, caseworkers, supervisors, admins) may ask how a case would
 * be routed: it shows only what the rules and the catalog already say, and writes nothing.
 */
@Resolver(() => RoutingPreviewObject)
export class RoutingPreviewResolver {
  constructor(private readonly preview: PreviewRoutingUseCase) {}

  @Roles(Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin)
  @Query(() => RoutingPreviewObject, {
    description:
      'How routing would decide a case opened at openedAt (default now) with these facts: department, queue, priority, due time, district and the rule applied. Creates nothing.',
  })
  async previewRouting(@Args('input') input: PreviewRoutingInput): Promise<RoutingPreviewObject> {
    return Object.assign(new RoutingPreviewObject(), await this.preview.execute(input));
  }
}
