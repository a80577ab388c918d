import { Injectable, Logger } from '@nestjs/common';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import {
  attributeDefinitionProblems,
  type AttributeDefinitionDraft,
} from '../../attribute-definitions.validator.js';
import { CatalogErrorCode, CatalogException } from '../../catalog.exception.js';
import { CatalogRepository } from '../../catalog.repository.js';
import { ServiceAttributeEntity } from '../../service-attribute.entity.js';
import { ServiceDefinitionPublisher } from '../../service-definition.publisher.js';
import { ServiceEntity } from '../../service.entity.js';

/**
 * Replaces a service's whole set of attributes (what an Open311 service definition shows), after
 * checking the set as a whole. Marks the service as edited, so the sample seed never reverts it.
 * The new definition is published whole for intake's copy (docs/adr/0069).
 */
@Injectable()
export class SetServiceAttributesUseCase {
  private readonly logger = new Logger(SetServiceAttributesUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly definitions: ServiceDefinitionPublisher,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(serviceCode: string, drafts: AttributeDefinitionDraft[]): Promise<ServiceEntity> {
    const problems = attributeDefinitionProblems(drafts);
    if (problems.length > 0) {
      throw new CatalogException(
        CatalogErrorCode.InvalidAttributeDefinition,
        `The attributes of "${serviceCode}" are not valid: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
        problems,
      );
    }
    const saved = await this.dataSource.transaction(async (m) => {
      const service = await m
        .getRepository(ServiceEntity)
        .findOne({ where: { code: serviceCode }, lock: { mode: 'pessimistic_write' } });
      if (!service) {
        throw new CatalogException(
          CatalogErrorCode.ServiceNotFound,
          `No service with code "${serviceCode}"`,
          [{ field: 'serviceCode', reason: 'not in the catalog' }],
        );
      }
      const before = await m.find(ServiceAttributeEntity, {
        where: { serviceCode },
        order: { order: 'ASC' },
      });
      await m.delete(ServiceAttributeEntity, { serviceCode });
      if (drafts.length > 0) {
        await m.insert(
          ServiceAttributeEntity,
          drafts.map((d) => ({
            serviceCode,
            code: d.code,
            variable: d.variable,
            datatype: d.datatype,
            required: d.required,
            datatypeDescription: d.datatypeDescription?.trim() ?? '',
            order: d.order,
            description: d.description?.trim() ?? '',
            values: (d.values ?? []).map((v) => ({ key: v.key, name: v.name })),
          })),
        );
      }
      await m.update(ServiceEntity, { code: serviceCode }, { attributesCustomised: true });
      await this.definitions.changed(m, serviceCode);
      const after = await m.find(ServiceAttributeEntity, {
        where: { serviceCode },
        order: { order: 'ASC' },
      });
      await this.adminChanges.record(m, {
        kind: 'SERVICE_ATTRIBUTES',
        entityId: serviceCode,
        action: 'UPDATED',
        changes: fieldChanges(
          { attributes: before.map(auditedAttribute) },
          { attributes: after.map(auditedAttribute) },
        ),
      });
      return (await this.catalog.service(serviceCode, m))!;
    });
    this.definitions.committed();
    this.logger.log({
      msg: 'service attributes set',
      code: serviceCode,
      attributes: drafts.length,
    });
    return saved;
  }
}

/** A question as the admin change log shows it: what an admin typed, without row keys. */
function auditedAttribute(a: ServiceAttributeEntity): object {
  return {
    code: a.code,
    variable: a.variable,
    datatype: a.datatype,
    required: a.required,
    order: a.order,
    description: a.description,
    values: a.values,
  };
}
