import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentChannel, ConsentPurpose } from './consent-event.entity.js';

/** The current answer for one channel and purpose (the latest consent event). */
@Entity('consent')
export class ConsentEntity {
  @PrimaryColumn('uuid')
  citizenId: string;

  @PrimaryColumn('text')
  channel: ConsentChannel;

  @PrimaryColumn('text')
  purpose: ConsentPurpose;

  @Column('boolean')
  granted: boolean;

  @Column('text')
  source: string;

  @Column('uuid')
  eventId: string;

  @Column('timestamptz')
  updatedAt: Date;
}
