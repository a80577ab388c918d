import { OpenDataLocation, Priority, SlaClock } from '@civitas/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DepartmentEntity } from './department.entity.js';

/** A service type residents can request (an Open311 service), owned by one department. */
@Entity('service')
@Check('service_target_hours_check', 'target_hours > 0')
@Check('service_open_data_location_check', "open_data_location IN ('GRID', 'DISTRICT', 'NONE')")
@Check('service_duplicate_radius_meters_check', 'duplicate_radius_meters BETWEEN 0 AND 1000')
@Check('service_duplicate_window_days_check', 'duplicate_window_days BETWEEN 1 AND 365')
export class ServiceEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('text', { name: 'group_name' })
  group: string;

  @Column('text', { array: true, default: () => "'{}'" })
  keywords: string[];

  /** Open311 service type: realtime, batch or blackbox. */
  @Column('text', { default: 'realtime' })
  type: string;

  @Column('text')
  @ForeignKey(() => DepartmentEntity, 'code', { name: 'service_department_code_fkey' })
  departmentCode: string;

  @Column('text')
  defaultPriority: Priority;

  /**
   * Service-level target: hours from opening to closure, counted in `slaClock` (GraphQL
   * `slaHours`; the column keeps its first name, docs/adr/0054).
   */
  @Column('integer')
  targetHours: number;

  /** BUSINESS: counted in the department's calendar; CALENDAR: around the clock. */
  @Column('text', { default: SlaClock.CALENDAR })
  slaClock: SlaClock;

  /** Whether time spent ON_HOLD stops the clock. */
  @Column('boolean', { default: false })
  pausesOnHold: boolean;

  @Column('boolean', { default: true })
  active: boolean;

  /** Every request for it is private, whatever the reporter chose (docs/adr/0057). */
  @Column('boolean', { default: false })
  alwaysPrivate: boolean;

  /** How open data places its requests: a grid point, the district only, or nowhere. */
  @Column('text', { default: OpenDataLocation.GRID })
  openDataLocation: OpenDataLocation;

  /** Whether open data publishes its descriptions (scrubbed of contact details and the name). */
  @Column('boolean', { default: false })
  openDataDescription: boolean;

  /**
   * A report this near (metres) an open case of the service opened within `duplicateWindowDays`
   * is linked to it as a possible duplicate (docs/adr/0063); 0 turns the search off.
   */
  @Column('integer', { default: 50 })
  duplicateRadiusMeters: number;

  @Column('integer', { default: 30 })
  duplicateWindowDays: number;

  /** True once an administrator has set the attributes: the sample seed never touches them again. */
  @Column('boolean', { default: false })
  attributesCustomised: boolean;

  /**
   * One more at every change of the definition intake validates with; rides
   * `service-definition-changed` so a copy never takes an older state for a newer (docs/adr/0069).
   */
  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
