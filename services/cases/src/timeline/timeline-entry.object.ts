import { Field, ObjectType } from '@nestjs/graphql';
import type { TimelineEntryEntity } from './timeline-entry.entity.js';

@ObjectType('TimelineEntry')
export class TimelineEntryObject {
  @Field()
  at: Date;

  @Field({
    description: 'OPENED, ROUTED, STATUS_CHANGED, NOTE, INTERACTION, ASSIGNED or ESCALATED.',
  })
  kind: string;

  @Field({ description: 'PUBLIC entries are shown to residents; INTERNAL only to staff.' })
  visibility: string;

  @Field()
  summary: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The staff member who wrote it (their sign-in subject); shown to staff only, null for what the system recorded.',
  })
  author: string | null;

  /** `withAuthor` false: the caller is not staff, so who on staff wrote it stays hidden. */
  static from(entity: TimelineEntryEntity, withAuthor = false): TimelineEntryObject {
    return Object.assign(new TimelineEntryObject(), {
      at: entity.at,
      kind: entity.kind,
      visibility: entity.visibility,
      summary: entity.summary,
      author: withAuthor ? entity.author : null,
    });
  }
}
