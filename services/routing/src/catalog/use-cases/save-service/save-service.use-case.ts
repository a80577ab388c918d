import { Injectable, Logger } from '@nestjs/common';
import {
  DEFAULT_DUPLICATE_SEARCH,
  OpenDataLocation,
  Priority,
  SlaClock,
  type FieldProblem,
} from '@civitas/contracts';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogErrorCode, CatalogException } from '../../catalog.exception.js';
import { CatalogRepository } from '../../catalog.repository.js';
import { ServiceDefinitionPublisher } from '../../service-definition.publisher.js';
import { ServiceEntity } from '../../service.entity.js';

export interface ServiceFields {
  name?: string;
  description?: string;
  group?: string;
  keywords?: string[];
  type?: string;
  departmentCode?: string;
  defaultPriority?: Priority;
  /** The target in hours of `slaClock`; `targetHours` is its earlier name (one, or both equal). */
  slaHours?: number;
  targetHours?: number;
  slaClock?: SlaClock;
  pausesOnHold?: boolean;
  active?: boolean;
  alwaysPrivate?: boolean;
  openDataLocation?: OpenDataLocation;
  openDataDescription?: boolean;
  duplicateRadiusMeters?: number;
  duplicateWindowDays?: number;
}

export interface CreateServiceCommand extends ServiceFields {
  code: string;
  name: string;
  group: string;
  departmentCode: string;
}

/**
 * Administrators add service types to the catalog and change them; each change is published whole
 * (`service-definition-changed`) in its transaction, for intake's copy (docs/adr/0069).
 */
@Injectable()
export class SaveServiceUseCase {
  private readonly logger = new Logger(SaveServiceUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly definitions: ServiceDefinitionPublisher,
    private readonly adminChanges: AdminChangeRecorder,
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
      const hours = targetHoursOf(command);
      if (hours === undefined) {
        throw CatalogException.aboutField(
          CatalogErrorCode.InvalidServiceLevel,
          'slaHours',
          'is required for a new service',
        );
      }
      const entity = m.create(ServiceEntity, {
        code: command.code,
        name: command.name.trim(),
        description: command.description ?? '',
        group: command.group.trim(),
        keywords: cleanKeywords(command.keywords ?? []),
        type: command.type ?? 'realtime',
        departmentCode: command.departmentCode,
        defaultPriority: command.defaultPriority ?? Priority.NORMAL,
        targetHours: hours,
        slaClock: command.slaClock ?? SlaClock.CALENDAR,
        pausesOnHold: command.pausesOnHold ?? false,
        active: command.active ?? true,
        alwaysPrivate: command.alwaysPrivate ?? false,
        openDataLocation: command.openDataLocation ?? OpenDataLocation.GRID,
        openDataDescription: command.openDataDescription ?? false,
        duplicateRadiusMeters:
          command.duplicateRadiusMeters ?? DEFAULT_DUPLICATE_SEARCH.radiusMeters,
        duplicateWindowDays: command.duplicateWindowDays ?? DEFAULT_DUPLICATE_SEARCH.windowDays,
        attributesCustomised: false,
      });
      await m.insert(ServiceEntity, entity);
      await this.definitions.created(m, command.code);
      const saved = (await this.catalog.service(command.code, m))!;
      await this.adminChanges.record(m, {
        kind: 'SERVICE',
        entityId: saved.code,
        action: 'CREATED',
        changes: fieldChanges(null, saved, { fields: SERVICE_AUDITED_FIELDS }),
      });
      return saved;
    });
    this.definitions.committed();
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
      const hours = targetHoursOf(changes);
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
        ...(hours !== undefined ? { targetHours: hours } : {}),
        ...(changes.slaClock ? { slaClock: changes.slaClock } : {}),
        ...(typeof changes.pausesOnHold === 'boolean'
          ? { pausesOnHold: changes.pausesOnHold }
          : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(changes.alwaysPrivate !== undefined ? { alwaysPrivate: changes.alwaysPrivate } : {}),
        ...(changes.openDataLocation !== undefined
          ? { openDataLocation: changes.openDataLocation }
          : {}),
        ...(changes.openDataDescription !== undefined
          ? { openDataDescription: changes.openDataDescription }
          : {}),
        ...(changes.duplicateRadiusMeters !== undefined
          ? { duplicateRadiusMeters: changes.duplicateRadiusMeters }
          : {}),
        ...(changes.duplicateWindowDays !== undefined
          ? { duplicateWindowDays: changes.duplicateWindowDays }
          : {}),
      };
      if (Object.keys(patch).length > 0) {
        await m.update(ServiceEntity, { code }, patch);
        await this.definitions.changed(m, code);
      }
      const saved = (await this.catalog.service(code, m))!;
      await this.adminChanges.record(m, {
        kind: 'SERVICE',
        entityId: code,
        action: 'UPDATED',
        changes: fieldChanges(existing, saved, { fields: SERVICE_AUDITED_FIELDS }),
      });
      return saved;
    });
    this.definitions.committed();
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

/** What an admin sets on a service, as the admin change log shows it (docs/adr/0092). */
const SERVICE_AUDITED_FIELDS = [
  'name',
  'description',
  'group',
  'keywords',
  'type',
  'departmentCode',
  'defaultPriority',
  'targetHours',
  'slaClock',
  'pausesOnHold',
  'active',
  'alwaysPrivate',
  'openDataLocation',
  'openDataDescription',
  'duplicateRadiusMeters',
  'duplicateWindowDays',
] as const satisfies readonly (keyof ServiceEntity)[];

/** The target's hours from `slaHours` or its earlier name `targetHours`; refused when they differ. */
function targetHoursOf(fields: ServiceFields): number | undefined {
  // An explicit null is no change, as an omitted field.
  const slaHours = fields.slaHours ?? undefined;
  const targetHours = fields.targetHours ?? undefined;
  if (slaHours !== undefined && targetHours !== undefined && slaHours !== targetHours) {
    throw CatalogException.aboutField(
      CatalogErrorCode.InvalidServiceLevel,
      'slaHours',
      `differs from targetHours (${targetHours}), its earlier name; give one of them`,
    );
  }
  return slaHours ?? targetHours;
}

/** Trimmed, blank ones dropped, each once, in the order given. */
function cleanKeywords(keywords: string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== ''))];
}
