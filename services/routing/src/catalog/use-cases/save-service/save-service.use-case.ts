import { Injectable, Logger } from '@nestjs/common';
import { Priority, type FieldProblem } from '@civitas/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogErrorCode, CatalogException } from '../../catalog.exception.js';
import { CatalogRepository } from '../../catalog.repository.js';
import { ServiceEntity } from '../../service.entity.js';

export interface ServiceFields {
  name?: string;
  description?: string;
  group?: string;
  keywords?: string[];
  type?: string;
  departmentCode?: string;
  defaultPriority?: Priority;
  targetHours?: number;
  active?: boolean;
}

export interface CreateServiceCommand extends ServiceFields {
  code: string;
  name: string;
  group: string;
  departmentCode: string;
  targetHours: number;
}

/** Administrators add service types to the catalog and change them. */
@Injectable()
export class SaveServiceUseCase {
  private readonly logger = new Logger(SaveServiceUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
  ) {}

  async create(command: CreateServiceCommand): Promise<ServiceEntity> {
    const created = await this.dataSource.transaction(async (m) => {
      if (await this.catalog.service(command.code, m)) {
        throw new CatalogException(
          CatalogErrorCode.ServiceExists,
          `A service with code "${command.code}" already exists`,
          [{ field: 'code', reason: 'is already in the catalog; use updateService to change it' }],
        );
      }
      await this.assertDepartment(m, command.departmentCode);
      const entity = m.create(ServiceEntity, {
        code: command.code,
        name: command.name.trim(),
        description: command.description ?? '',
        group: command.group.trim(),
        keywords: cleanKeywords(command.keywords ?? []),
        type: command.type ?? 'realtime',
        departmentCode: command.departmentCode,
        defaultPriority: command.defaultPriority ?? Priority.NORMAL,
        targetHours: command.targetHours,
        active: command.active ?? true,
        attributesCustomised: false,
      });
      await m.insert(ServiceEntity, entity);
      return (await this.catalog.service(command.code, m))!;
    });
    this.logger.log({ msg: 'service created', code: created.code });
    return created;
  }

  async update(code: string, changes: ServiceFields): Promise<ServiceEntity> {
    const updated = await this.dataSource.transaction(async (m) => {
      const existing = await m
        .getRepository(ServiceEntity)
        .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!existing) {
        throw new CatalogException(
          CatalogErrorCode.ServiceNotFound,
          `No service with code "${code}"`,
          [{ field: 'code', reason: 'not in the catalog' }],
        );
      }
      if (changes.departmentCode !== undefined) {
        await this.assertDepartment(m, changes.departmentCode, 'input.departmentCode');
      }
      const patch: Partial<ServiceEntity> = {
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.group !== undefined ? { group: changes.group.trim() } : {}),
        ...(changes.keywords !== undefined ? { keywords: cleanKeywords(changes.keywords) } : {}),
        ...(changes.type !== undefined ? { type: changes.type } : {}),
        ...(changes.departmentCode !== undefined ? { departmentCode: changes.departmentCode } : {}),
        ...(changes.defaultPriority !== undefined
          ? { defaultPriority: changes.defaultPriority }
          : {}),
        ...(changes.targetHours !== undefined ? { targetHours: changes.targetHours } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
      };
      if (Object.keys(patch).length > 0) {
        await m.update(ServiceEntity, { code }, patch);
      }
      return (await this.catalog.service(code, m))!;
    });
    this.logger.log({ msg: 'service updated', code, fields: Object.keys(changes) });
    return updated;
  }

  private async assertDepartment(
    m: EntityManager,
    departmentCode: string,
    field = 'departmentCode',
  ): Promise<void> {
    const [found] = (await m.query('SELECT 1 FROM department WHERE code = $1', [
      departmentCode,
    ])) as unknown[];
    if (!found) {
      const known = (
        (await m.query('SELECT code FROM department ORDER BY code')) as { code: string }[]
      ).map((d) => d.code);
      const problem: FieldProblem = {
        field,
        reason: `no department "${departmentCode}"; known: ${known.join(', ')}`,
      };
      throw new CatalogException(
        CatalogErrorCode.UnknownDepartment,
        `Unknown department "${departmentCode}"`,
        [problem],
      );
    }
  }
}

/** Trimmed, blank ones dropped, each once, in the order given. */
function cleanKeywords(keywords: string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== ''))];
}
