import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { StaffMemberEntity } from '../../staff/index.js';
import { CaseObject } from './case.object.js';

@ObjectType('CaseAssignee', { description: 'The member of staff who works a case.' })
export class CaseAssigneeObject {
  @Field({ description: 'Their sign-in subject.' })
  subject: string;

  @Field()
  name: string;
}

@ObjectType('StaffMember', { description: 'A member of staff cases can be given to.' })
export class StaffMemberObject {
  @Field()
  subject: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => [String])
  departmentCodes: string[];

  @Field(() => [String])
  queueCodes: string[];

  @Field(() => Int, { nullable: true, description: 'Open cases at most; null: no limit.' })
  capacity: number | null;

  @Field()
  active: boolean;

  static from(entity: StaffMemberEntity): StaffMemberObject {
    return Object.assign(new StaffMemberObject(), {
      subject: entity.subject,
      name: entity.name,
      email: entity.email,
      departmentCodes: entity.departmentCodes,
      queueCodes: entity.queueCodes,
      capacity: entity.capacity,
      active: entity.active,
    });
  }
}

@ObjectType('WorklistPage')
export class WorklistPageObject {
  @Field(() => [CaseObject])
  nodes: CaseObject[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null when the page is empty.',
  })
  endCursor: string | null;

  @Field({ description: 'Whether there are more after this page.' })
  hasNextPage: boolean;
}

@ObjectType('StaffWorkload', {
  description: "One person's open cases in a department, as of the query.",
})
export class StaffWorkloadObject {
  @Field()
  subject: string;

  @Field({ description: 'Their name; their subject when they are not in the staff directory.' })
  name: string;

  @Field()
  active: boolean;

  @Field(() => Int, { nullable: true })
  capacity: number | null;

  @Field(() => Int)
  open: number;

  @Field(() => Int)
  atRisk: number;

  @Field(() => Int)
  overdue: number;
}
