import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { AdminChangeAuditEntity, StoredFieldChange } from '../admin-change.entity.js';

@ObjectType('AdminFieldChange', { description: 'One field of a configuration change.' })
export class AdminFieldChangeObject {
  @Field()
  field: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value before, as JSON text; null when it had none or it is withheld.',
  })
  before: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The value after, as JSON text; null when it has none or it is withheld.',
  })
  after: string | null;

  @Field({
    description: 'True when the field changed but its values are not kept (personal data).',
  })
  withheld: boolean;

  static from(change: StoredFieldChange): AdminFieldChangeObject {
    return Object.assign(new AdminFieldChangeObject(), {
      field: change.field,
      before: change.before,
      after: change.after,
      withheld: change.withheld === true,
    });
  }
}

@ObjectType('AdminChange', {
  description: 'A configuration change made by an admin or supervisor, in any service.',
})
export class AdminChangeObject {
  @Field(() => ID)
  id: string;

  @Field({ description: 'When the change was committed.' })
  at: Date;

  @Field({ description: 'The service that holds what changed (routing, cases, intake, citizens).' })
  service: string;

  @Field(() => String, { nullable: true, description: 'Token subject of who made the change.' })
  actorSub: string | null;

  @Field(() => [String])
  actorRoles: string[];

  @Field({ description: 'What kind of thing changed: SERVICE, QUEUE, API_KEY, ...' })
  kind: string;

  @Field({ description: "The changed thing's code or id." })
  entityId: string;

  @Field({
    description: 'CREATED, UPDATED, DELETED, MOVED, REVOKED, MERGED, UNMERGED or RESOLVED.',
  })
  action: string;

  @Field(() => [AdminFieldChangeObject])
  changes: AdminFieldChangeObject[];

  static from(entity: AdminChangeAuditEntity): AdminChangeObject {
    return Object.assign(new AdminChangeObject(), {
      id: entity.id,
      at: entity.at,
      service: entity.service,
      actorSub: entity.actorSub,
      actorRoles: entity.actorRoles,
      kind: entity.kind,
      entityId: entity.entityId,
      action: entity.action,
      changes: entity.changes.map(AdminFieldChangeObject.from),
    });
  }
}
