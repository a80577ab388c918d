import { Injectable } from '@nestjs/common';
import type { ServiceDefinitionState } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';
import { QueueEntity } from './queue.entity.js';
import { ServiceAttributeEntity } from './service-attribute.entity.js';
import { ServiceEntity } from './service.entity.js';
import { serviceDefinitionOf } from './service-definition.js';

@Injectable()
export class CatalogRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  activeServices(): Promise<ServiceEntity[]> {
    return this.catalogServices(false);
  }

  /** The catalog by group and name; retired services too when `includeInactive`. */
  catalogServices(includeInactive: boolean): Promise<ServiceEntity[]> {
    return this.dataSource.getRepository(ServiceEntity).find({
      where: includeInactive ? {} : { active: true },
      order: { group: 'ASC', name: 'ASC' },
    });
  }

  service(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ServiceEntity | null> {
    return manager.getRepository(ServiceEntity).findOneBy({ code });
  }

  /** In `tx` when given (routing a case reads the catalog in the consumer's transaction). */
  servicesByCodes(codes: string[], tx?: Transaction): Promise<ServiceEntity[]> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    return manager.getRepository(ServiceEntity).findBy({ code: In(codes) });
  }

  async activeServiceCodes(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ServiceEntity)
      .find({ select: { code: true }, where: { active: true } });
    return rows.map((r) => r.code).sort();
  }

  departments(): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).find({ order: { name: 'ASC' } });
  }

  /** Gives the department its business calendar; null when there is no such department. */
  async setDepartmentCalendar(
    manager: EntityManager,
    departmentCode: string,
    calendarCode: string,
  ): Promise<DepartmentEntity | null> {
    await manager.update(DepartmentEntity, { code: departmentCode }, { calendarCode });
    return manager.getRepository(DepartmentEntity).findOneBy({ code: departmentCode });
  }

  /** Gives the department its escalation mailbox (null: none); null when there is no such department. */
  async setDepartmentEscalationEmail(
    manager: EntityManager,
    departmentCode: string,
    escalationEmail: string | null,
  ): Promise<DepartmentEntity | null> {
    const repository = manager.getRepository(DepartmentEntity);
    const result = await repository.update({ code: departmentCode }, { escalationEmail });
    return result.affected ? repository.findOneBy({ code: departmentCode }) : null;
  }

  departmentsByCodes(codes: string[]): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).findBy({ code: In(codes) });
  }

  departmentsByIds(ids: string[]): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).findBy({ id: In(ids) });
  }

  /** In `tx` when given (routing a case reads its queue's policy in the consumer's transaction). */
  queue(code: string, tx?: Transaction): Promise<QueueEntity | null> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    return manager.getRepository(QueueEntity).findOneBy({ code });
  }

  queuesByCodes(codes: string[]): Promise<QueueEntity[]> {
    return this.dataSource.getRepository(QueueEntity).findBy({ code: In(codes) });
  }

  /** A department's queues, by code. */
  queuesOf(departmentCode: string): Promise<QueueEntity[]> {
    return this.dataSource
      .getRepository(QueueEntity)
      .find({ where: { departmentCode }, order: { code: 'ASC' } });
  }

  /** Adds or changes a queue, in the caller's transaction (locked by `lockQueue`). */
  async saveQueue(manager: EntityManager, queue: QueueEntity): Promise<QueueEntity> {
    await manager.upsert(QueueEntity, queue, ['code']);
    return manager.getRepository(QueueEntity).findOneByOrFail({ code: queue.code });
  }

  lockQueue(manager: EntityManager, code: string): Promise<QueueEntity | null> {
    return manager
      .getRepository(QueueEntity)
      .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  department(manager: EntityManager, code: string): Promise<DepartmentEntity | null> {
    return manager.getRepository(DepartmentEntity).findOneBy({ code });
  }

  attributes(
    serviceCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ServiceAttributeEntity[]> {
    return manager
      .getRepository(ServiceAttributeEntity)
      .find({ where: { serviceCode }, order: { order: 'ASC' } });
  }

  /** Whether `code` is a question of one of these services (of any service when none is named). */
  async isAttributeAsked(code: string, serviceCodes: string[]): Promise<boolean> {
    return this.dataSource.getRepository(ServiceAttributeEntity).existsBy({
      code,
      ...(serviceCodes.length > 0 ? { serviceCode: In(serviceCodes) } : {}),
    });
  }

  /** Attributes of several services at once, in display order, by service code. */
  async attributesByService(codes: string[]): Promise<Map<string, ServiceAttributeEntity[]>> {
    const rows = await this.dataSource
      .getRepository(ServiceAttributeEntity)
      .find({ where: { serviceCode: In(codes) }, order: { serviceCode: 'ASC', order: 'ASC' } });
    const out = new Map<string, ServiceAttributeEntity[]>(codes.map((c) => [c, []]));
    for (const row of rows) {
      out.get(row.serviceCode)?.push(row);
    }
    return out;
  }

  /**
   * Whole definitions with their version: of the services named, or of the whole catalog; retired
   * services only when asked for. In `manager` when given (a change reads what it just wrote).
   */
  async definitionStates(
    { codes, includeRetired }: { codes?: string[]; includeRetired: boolean },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ServiceDefinitionState[]> {
    const services = await manager.getRepository(ServiceEntity).find({
      where: {
        ...(codes ? { code: In(codes) } : {}),
        ...(includeRetired ? {} : { active: true }),
      },
      order: { code: 'ASC' },
    });
    const attributes = await manager.getRepository(ServiceAttributeEntity).find({
      where: { serviceCode: In(services.map((s) => s.code)) },
      order: { serviceCode: 'ASC', order: 'ASC' },
    });
    return services.map((service) => ({
      service: serviceDefinitionOf(
        service,
        attributes.filter((a) => a.serviceCode === service.code),
      ),
      active: service.active,
      version: service.version,
    }));
  }

  /** Counts a change of the service's definition, in the transaction that makes it. */
  async countDefinitionChange(manager: EntityManager, code: string): Promise<void> {
    await manager.increment(ServiceEntity, { code }, 'version', 1);
  }
}
