import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import type { DepartmentEntity } from '../department.entity.js';

@ObjectType('Department', { description: 'A department that owns service types and works cases.' })
@Directive('@key(fields: "id")')
export class DepartmentObject {
  @Field(() => ID)
  id: string;

  @Field()
  code: string;

  @Field()
  name: string;

  @Field({
    description:
      'The business calendar its business-hour targets are counted in (see businessCalendars).',
  })
  calendarCode: string;

  /** Resolved by `escalationEmail` for those who may read it. */
  storedEscalationEmail: string | null;

  static from(entity: DepartmentEntity): DepartmentObject {
    return Object.assign(new DepartmentObject(), {
      id: entity.id,
      code: entity.code,
      name: entity.name,
      calendarCode: entity.calendarCode,
      storedEscalationEmail: entity.escalationEmail,
    });
  }
}
