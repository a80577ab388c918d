import { Injectable, Logger } from '@nestjs/common';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { calendarProblems, type Holiday, type OpeningHours } from '../../business-calendar.js';
import type { BusinessCalendarEntity } from '../../business-calendar.entity.js';
import { BusinessCalendarRepository } from '../../business-calendar.repository.js';
import { CalendarException } from '../../calendar.exception.js';

export interface SaveBusinessCalendarCommand {
  code: string;
  timeZone: string;
  hours: OpeningHours[];
  holidays: Holiday[];
}

/**
 * Administrators add a business calendar or replace one, whole, by code. Cases routed before keep
 * the due times they were given; those routed after are timed by the new calendar.
 */
@Injectable()
export class SaveBusinessCalendarUseCase {
  private readonly logger = new Logger(SaveBusinessCalendarUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: BusinessCalendarRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(command: SaveBusinessCalendarCommand): Promise<BusinessCalendarEntity> {
    const calendar = {
      timeZone: command.timeZone.trim(),
      hours: command.hours.map((h) => ({ day: h.day, opens: h.opens, closes: h.closes })),
      holidays: [...command.holidays]
        .map((h) => ({ date: h.date, name: h.name.trim() }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    };
    // Problems are found on the input as given, so their indexes are the client's.
    const problems = calendarProblems({ ...calendar, holidays: command.holidays });
    if (problems.length > 0) {
      throw new CalendarException(
        problems[0].code,
        `Business calendar "${command.code}" is not valid: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
        problems.map(({ field, reason }) => ({ field, reason })),
      );
    }
    const saved = await this.dataSource.transaction(async (m) => {
      const before = await this.calendars.calendar(command.code, m);
      const after = await this.calendars.save(m, command.code, calendar);
      await this.adminChanges.record(m, {
        kind: 'BUSINESS_CALENDAR',
        entityId: after.code,
        action: before ? 'UPDATED' : 'CREATED',
        changes: fieldChanges(before, after, { fields: ['timeZone', 'hours', 'holidays'] }),
      });
      return after;
    });
    this.adminChanges.committed();
    this.logger.log({
      msg: 'business calendar saved',
      code: saved.code,
      timeZone: saved.timeZone,
      openings: saved.hours.length,
      holidays: saved.holidays.length,
    });
    return saved;
  }
}
