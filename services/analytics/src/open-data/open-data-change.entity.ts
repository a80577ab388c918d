import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How many public rows of open data changed, per UTC month of opening and service, and when the
 * change was committed (docs/adr/0065). Written only by triggers on `case_fact` (its migration),
 * so no writer of facts can forget it; folded to one row per key now and then.
 */
@Entity('open_data_change')
@Index('open_data_change_month_idx', ['month'])
export class OpenDataChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** The first day of the month (UTC) the changed cases were opened in. */
  @Column('date')
  month: string;

  @Column('text')
  serviceCode: string;

  @Column('bigint')
  changes: string;

  /** Set when the writing transaction commits (a deferred trigger); never null once visible. */
  @Column('timestamptz', { nullable: true })
  changedAt: Date | null;
}
