import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { CatalogRepository } from '../catalog.repository.js';
import { SaveQueueUseCase } from '../use-cases/save-queue/save-queue.use-case.js';
import { SaveQueueInput } from './queue.input.js';
import { QueueObject } from './queue.object.js';

/** A department's work queues: staff read them; admins and its supervisors change them. */
@Resolver(() => QueueObject)
export class QueueResolver {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly queueSaver: SaveQueueUseCase,
  ) {}

  @Roles(Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin, Role.Analyst)
  @Query(() => [QueueObject], {
    description: "A department's queues by code, with how each assigns new cases (staff).",
  })
  async queues(@Args('departmentCode') departmentCode: string): Promise<QueueObject[]> {
    return (await this.catalog.queuesOf(departmentCode.trim())).map(QueueObject.from);
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => QueueObject, {
    description:
      'Adds a queue to a department, or renames one and sets how it assigns new cases (admins; supervisors of the department). Cases already routed keep their assignee.',
  })
  async saveQueue(
    @Args('input') input: SaveQueueInput,
    @CurrentIdentity() actor: Identity,
  ): Promise<QueueObject> {
    return QueueObject.from(await this.queueSaver.execute({ ...input, actor }));
  }
}
