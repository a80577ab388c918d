import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { BusinessCalendarRules } from './business-calendar.js';
import { BusinessCalendarEntity } from './business-calendar.entity.js';

/** The one writer of business calendars (docs/adr/0027). */
@Injectable()
export class BusinessCalendarRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  all(): Promise<BusinessCalendarEntity[]> {
    return this.dataSource.getRepository(BusinessCalendarEntity).find({ order: { code: 'ASC' } });
  }

  calendar(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BusinessCalendarEntity | null> {
    return manager.getRepository(BusinessCalendarEntity).findOneBy({ code });
  }

  /** Adds the calendar, or replaces the one with its code, whole. */
  async save(
    manager: EntityManager,
    code: string,
    calendar: BusinessCalendarRules,
  ): Promise<BusinessCalendarEntity> {
    await manager.query(
      `INSERT INTO business_calendar (code, time_zone, hours, holidays) VALUES ($1, $2, $3::jsonb, $4::jsonb)
       ON CONFLICT (code) DO UPDATE SET
         time_zone = excluded.time_zone,
         hours = excluded.hours,
         holidays = excluded.holidays,
         updated_at = now()`,
      [code, calendar.timeZone, JSON.stringify(calendar.hours), JSON.stringify(calendar.holidays)],
    );
    return (await this.calendar(code, manager))!;
  }

  /**
   * Every calendar by code, and each department's calendar code: what routing needs to compute
   * due times. Read in `tx` when given (routing a case reads it in the consumer's transaction).
   */
  async withDepartments(tx?: Transaction): Promise<DepartmentCalendars> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    const calendars = await manager.getRepository(BusinessCalendarEntity).find();
    const departments = (await manager.query('SELECT code, calendar_code FROM department')) as {
      code: string;
      calendar_code: string;
    }[];
    return {
      calendars: new Map(calendars.map((c) => [c.code, c])),
      departments: new Map(departments.map((d) => [d.code, d.calendar_code])),
    };
  }
}

export interface DepartmentCalendars {
  calendars: ReadonlyMap<string, BusinessCalendarEntity>;
  /** Calendar code by department code. */
  departments: ReadonlyMap<string, string>;
}
