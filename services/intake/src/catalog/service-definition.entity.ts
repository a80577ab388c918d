import type { ServiceDefinitionView } from '@civitas/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Intake's own copy of one of routing's service definitions, kept from
 * `service-definition-changed` (event-carried state): reports are validated against it, so they
 * are accepted while routing is down (docs/adr/0069).
 */
@Entity('service_definition')
export class ServiceDefinitionEntity {
  @PrimaryColumn('text')
  code: string;

  /** Routing's version of the definition: an older one never replaces a newer one. */
  @Column('integer')
  version: number;

  /** False once routing retired the service: reports for it are refused as unknown. */
  @Column('boolean')
  active: boolean;

  /** The whole definition as routing published it (questions, privacy, duplicate search). */
  @Column('jsonb')
  definition: ServiceDefinitionView;

  /** When this copy last took a newer version. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
