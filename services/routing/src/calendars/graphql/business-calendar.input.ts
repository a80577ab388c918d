import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Weekday } from '../business-calendar.js';

const CALENDAR_CODE = /^[a-z0-9][a-z0-9-]{0,99}$/;

@InputType({ description: 'One opening on one day of the week, in the calendar’s time zone.' })
export class OpeningHoursInput {
  @Field(() => Weekday)
  @IsEnum(Weekday)
  day: Weekday;

  @Field({ description: 'HH:MM, 24-hour clock, e.g. "08:00".' })
  @IsString()
  @MaxLength(5)
  opens: string;

  @Field({ description: 'HH:MM, later than opens; "24:00" for midnight.' })
  @IsString()
  @MaxLength(5)
  closes: string;
}

@InputType({ description: 'A date the department is closed (the observed date).' })
export class HolidayInput {
  @Field({ description: 'YYYY-MM-DD, once per calendar.' })
  @IsString()
  @MaxLength(10)
  date: string;

  @Field()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;
}

@InputType({ description: 'A business calendar to add, or to replace whole by its code.' })
export class SaveBusinessCalendarInput {
  @Field({
    description: 'Lower-case letters, digits and dashes, e.g. "default" or "london-office".',
  })
  @Matches(CALENDAR_CODE, { message: 'code must be 1 to 100 lower-case letters, digits or dashes' })
  code: string;

  @Field({ description: 'An IANA time zone, e.g. "America/New_York" or "Europe/London".' })
  @IsString()
  @MaxLength(100)
  timeZone: string;

  @Field(() => [OpeningHoursInput], {
    description: 'The openings of each day of the week; a day without any is closed.',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursInput)
  hours: OpeningHoursInput[];

  @Field(() => [HolidayInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => HolidayInput)
  holidays: HolidayInput[] = [];
}
