import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Channel, Identity, Priority } from '@civitas/contracts';
import { DataSource } from 'typeorm';
import { CatalogRepository } from '../../../catalog/index.js';
import { DistrictRepository } from '../../../districts/index.js';
import { assertMayManageRulesOf } from '../../rule-access.js';
import { isEmptyConditions } from '../../rule-matcher.js';
import type { RoutingRuleEntity, RuleConditions } from '../../routing-rule.entity.js';
import { RoutingRuleErrorCode, RoutingRuleException } from '../../routing-rule.exception.js';
import { RoutingRuleRepository } from '../../routing-rule.repository.js';

export interface SaveRoutingRuleCommand {
  /** Omitted: a new rule. */
  id?: string | null;
  name: string;
  /** Omitted: after the last rule for a new one, unchanged for an existing one. */
  position?: number | null;
  /** Omitted: true for a new rule, unchanged for an existing one. */
  enabled?: boolean | null;
  when: {
    serviceCodes?: string[] | null;
    districtCodes?: string[] | null;
    channels?: Channel[] | null;
    keywords?: string[] | null;
    emergency?: boolean | null;
    attribute?: { code: string; equals: string } | null;
  };
  then: {
    departmentCode: string;
    queueCode?: string | null;
    priority?: Priority | null;
    slaHours?: number | null;
  };
}

/**
 * Admins, and supervisors for their departments, add a routing rule or replace one. Every save is
 * a new version in the rule's history. Cases already routed keep their decision: rules apply to
 * cases routed after the save commits (docs/adr/0055).
 */
@Injectable()
export class SaveRoutingRuleUseCase {
  private readonly logger = new Logger(SaveRoutingRuleUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RoutingRuleRepository,
    private readonly catalog: CatalogRepository,
    private readonly districts: DistrictRepository,
  ) {}

  async execute(command: SaveRoutingRuleCommand, actor: Identity): Promise<RoutingRuleEntity> {
    const conditions = conditionsOf(command.when);
    const { then } = command;
    // What the rule says is checked first, then whether the caller may say it: every name a rule
    // holds is public catalog data, and a supervisor's role-level access (the attack suite's
    // matrix) is then refused only for a rule that could be saved.
    if (isEmptyConditions(conditions)) {
      throw RoutingRuleException.aboutField(
        RoutingRuleErrorCode.EmptyWhen,
        'when',
        'must hold at least one condition; a rule for every case is the service’s own department',
      );
    }
    await this.assertReferencesExist(conditions, then);
    assertMayManageRulesOf(actor, then.departmentCode, 'then.departmentCode');
    const at = new Date();
    const saved = await this.dataSource.transaction(async (m) => {
      const fields = {
        name: command.name.trim(),
        conditions,
        departmentCode: then.departmentCode,
        queueCode: then.queueCode ?? null,
        priority: then.priority ?? null,
        slaHours: then.slaHours ?? null,
      };
      if (!command.id) {
        return this.rules.create(
          m,
          {
            ...fields,
            id: randomUUID(),
            position: command.position ?? (await this.rules.nextPosition(m)),
            enabled: command.enabled ?? true,
          },
          actor.sub,
          at,
        );
      }
      const before = await this.rules.lockedById(m, command.id);
      if (!before) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.RuleNotFound,
          'id',
          `names no routing rule (${command.id}); omit it to create one`,
        );
      }
      assertMayManageRulesOf(actor, before.departmentCode, 'id');
      return this.rules.update(
        m,
        before,
        {
          ...fields,
          id: before.id,
          position: command.position ?? before.position,
          enabled: command.enabled ?? before.enabled,
        },
        actor.sub,
        at,
      );
    });
    this.logger.log({
      msg: 'routing rule saved',
      ruleId: saved.id,
      version: saved.version,
      department: saved.departmentCode,
      by: actor.sub,
    });
    return saved;
  }

  /** Every code the rule names is known, and its queue is one of its department's. */
  private async assertReferencesExist(
    conditions: RuleConditions,
    then: SaveRoutingRuleCommand['then'],
  ): Promise<void> {
    if (conditions.serviceCodes.length > 0) {
      const known = new Set(
        (await this.catalog.servicesByCodes(conditions.serviceCodes)).map((s) => s.code),
      );
      const unknown = conditions.serviceCodes.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.UnknownService,
          'when.serviceCodes',
          `names services not in the catalog: ${unknown.join(', ')}`,
        );
      }
    }
    if (conditions.districtCodes.length > 0) {
      const known = new Set(
        (await this.districts.byCodes(conditions.districtCodes)).map((d) => d.code),
      );
      const unknown = conditions.districtCodes.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.UnknownDistrict,
          'when.districtCodes',
          `names unknown districts: ${unknown.join(', ')}`,
        );
      }
    }
    const [department] = await this.catalog.departmentsByCodes([then.departmentCode]);
    if (!department) {
      throw RoutingRuleException.aboutField(
        RoutingRuleErrorCode.UnknownDepartment,
        'then.departmentCode',
        `names no department ("${then.departmentCode}"; query departments)`,
      );
    }
    if (then.queueCode) {
      const queue = await this.catalog.queue(then.queueCode);
      if (!queue) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.UnknownQueue,
          'then.queueCode',
          `names no queue ("${then.queueCode}")`,
        );
      }
      if (queue.departmentCode !== then.departmentCode) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.QueueNotInDepartment,
          'then.queueCode',
          `is a queue of department ${queue.departmentCode}, not of ${then.departmentCode}`,
        );
      }
    }
  }
}

/** The conditions as stored: lists trimmed, blanks and repeats dropped; absent as empty or null. */
function conditionsOf(when: SaveRoutingRuleCommand['when']): RuleConditions {
  const list = <T extends string>(values: T[] | null | undefined): T[] => [
    ...new Set((values ?? []).map((v) => v.trim() as T).filter((v) => v !== '')),
  ];
  return {
    serviceCodes: list(when.serviceCodes),
    districtCodes: list(when.districtCodes),
    channels: list(when.channels),
    keywords: list(when.keywords),
    emergency: when.emergency ?? null,
    attribute: when.attribute
      ? { code: when.attribute.code.trim(), equals: when.attribute.equals.trim() }
      : null,
  };
}
