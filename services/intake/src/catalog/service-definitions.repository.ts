import { Injectable } from '@nestjs/common';
import type { ServiceDefinitionState } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { ServiceDefinitionEntity } from './service-definition.entity.js';

/** Intake's copy of the catalog (docs/adr/0069). */
@Injectable()
export class ServiceDefinitionsRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  byCode(code: string): Promise<ServiceDefinitionEntity | null> {
    return this.dataSource.getRepository(ServiceDefinitionEntity).findOneBy({ code });
  }

  async activeCodes(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ServiceDefinitionEntity)
      .find({ select: { code: true }, where: { active: true }, order: { code: 'ASC' } });
    return rows.map((r) => r.code);
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.dataSource.getRepository(ServiceDefinitionEntity).exists());
  }

  /**
   * Keeps each state unless the copy already holds the same or a newer version (events come again,
   * and the whole catalog may cross a change), in `tx` when given; answers how many it kept.
   */
  async keep(states: readonly ServiceDefinitionState[], tx?: Transaction): Promise<number> {
    if (states.length === 0) {
      return 0;
    }
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    const rows = (await manager.query(
      `INSERT INTO service_definition (code, version, active, definition)
       SELECT s.code, s.version, s.active, s.definition
         FROM jsonb_to_recordset($1::jsonb) AS s(code text, version integer, active boolean, definition jsonb)
       ON CONFLICT (code) DO UPDATE
          SET version = EXCLUDED.version, active = EXCLUDED.active,
              definition = EXCLUDED.definition, updated_at = now()
        WHERE service_definition.version < EXCLUDED.version
       RETURNING code`,
      [
        JSON.stringify(
          states.map((s) => ({
            code: s.service.code,
            version: s.version,
            active: s.active,
            definition: s.service,
          })),
        ),
      ],
    )) as unknown[];
    return rows.length;
  }
}
