import { Field, ObjectType } from '@nestjs/graphql';
import type { TimelineEntryEntity } from './timeline-entry.entity.js';

@ObjectType('TimelineEntry')
export class TimelineEntryObject {
  @Field()
  at: Date;

  @Field({ description: 'OPENED, ROUTED, STATUS_CHANGED or NOTE.' })
  kind: string;

  @Field({ description: 'PUBLIC entries are shown to residents; INTERNAL only to staff.' })
  visibility: string;

  @Field()
  summary: string;

  static from(entity: TimelineEntryEntity): TimelineEntryObject {
    return Object.assign(new TimelineEntryObject(), {
      at: entity.at,
      kind: entity.kind,
      visibility: entity.visibility,
      summary: entity.summary,
    });
  }
}
