import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Weekday } from '../business-calendar.js';
import type { BusinessCalendarEntity } from '../business-calendar.entity.js';

registerEnumType(Weekday, { name: 'Weekday' });

@ObjectType('OpeningHours')
export class OpeningHoursObject {
  @Field(() => Weekday)
  day: Weekday;

  @Field({ description: 'HH:MM in the calendar’s time zone.' })
  opens: string;

  @Field({ description: 'HH:MM in the calendar’s time zone; "24:00" is midnight.' })
  closes: string;
}

@ObjectType('Holiday')
export class HolidayObject {
  @Field({ description: 'YYYY-MM-DD.' })
  date: string;

  @Field()
  name: string;
}

@ObjectType('BusinessCalendar', {
  description:
    'When a department works: business-hour service levels count only these openings, less the holidays.',
})
export class BusinessCalendarObject {
  @Field()
  code: string;

  @Field({ description: 'IANA time zone of the opening hours and holiday dates.' })
  timeZone: string;

  @Field(() => [OpeningHoursObject])
  hours: OpeningHoursObject[];

  @Field(() => [HolidayObject], { description: 'In date order.' })
  holidays: HolidayObject[];

  @Field()
  updatedAt: Date;

  static from(entity: BusinessCalendarEntity): BusinessCalendarObject {
    return Object.assign(new BusinessCalendarObject(), {
      code: entity.code,
      timeZone: entity.timeZone,
      hours: entity.hours,
      holidays: entity.holidays,
      updatedAt: entity.updatedAt,
    });
  }
}
