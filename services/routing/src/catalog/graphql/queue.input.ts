import { Field, InputType } from '@nestjs/graphql';
import { QueueAssignment } from '@civitas/contracts';
import { IsEnum, IsString, MaxLength } from 'class-validator';

@InputType()
export class SaveQueueInput {
  @Field({
    description: 'The queue to add, or to change when it exists (e.g. `public-works.potholes`).',
  })
  @IsString()
  @MaxLength(64)
  code: string;

  @Field({ description: 'Its department; an existing queue stays in the one it is in.' })
  @IsString()
  @MaxLength(64)
  departmentCode: string;

  @Field()
  @IsString()
  @MaxLength(200)
  name: string;

  @Field(() => QueueAssignment, { defaultValue: QueueAssignment.MANUAL })
  @IsEnum(QueueAssignment)
  assignment: QueueAssignment;
}
