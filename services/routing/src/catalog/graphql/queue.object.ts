import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { QueueAssignment } from '@civitas/contracts';
import type { QueueEntity } from '../queue.entity.js';

registerEnumType(QueueAssignment, {
  name: 'QueueAssignment',
  description: 'How a queue gives its new cases to people (docs/adr/0059).',
  valuesMap: {
    MANUAL: { description: 'Left unassigned, to be claimed or assigned by a supervisor.' },
    ROUND_ROBIN: { description: 'To the next active person of the queue in turn, under capacity.' },
    LEAST_LOADED: { description: 'To the active person of the queue with the fewest open cases.' },
  },
});

@ObjectType('Queue', { description: 'A work queue inside a department; cases wait in one.' })
export class QueueObject {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  departmentCode: string;

  @Field({ description: 'The queue emergencies go to when no routing rule names another.' })
  priority: boolean;

  @Field(() => QueueAssignment)
  assignment: QueueAssignment;

  static from(entity: QueueEntity): QueueObject {
    return Object.assign(new QueueObject(), {
      code: entity.code,
      name: entity.name,
      departmentCode: entity.departmentCode,
      priority: entity.priority,
      assignment: entity.assignment,
    });
  }
}
