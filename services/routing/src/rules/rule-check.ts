import { Injectable } from '@nestjs/common';
import type { Channel, Priority } from '@civitas/contracts';
import { CatalogRepository } from '../catalog/index.js';
import { DistrictRepository } from '../districts/index.js';
import { isEmptyConditions } from './rule-matcher.js';
import type { RuleConditions } from './routing-rule.entity.js';
import { RoutingRuleErrorCode, RoutingRuleException } from './routing-rule.exception.js';

/** What a rule says, as an administrator writes it (to save it, or to preview it unsaved). */
export interface RuleStatement {
  name: string;
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

/** A checked rule's fields as stored and evaluated. */
export interface CheckedRule {
  name: string;
  conditions: RuleConditions;
  departmentCode: string;
  queueCode: string | null;
  priority: Priority | null;
  slaHours: number | null;
}

/**
 * Whether a rule could be saved as written: at least one condition, and every code it names known
 * (services, districts, the attribute among those services' questions, the department, and a
 * queue of that department). The same check for `saveRoutingRule` and a draft in
 * `previewRouting`, with the same error codes and fields.
 */
@Injectable()
export class RuleCheck {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly districts: DistrictRepository,
  ) {}

  async check(rule: RuleStatement, field = ''): Promise<CheckedRule> {
    const conditions = conditionsOf(rule.when);
    if (isEmptyConditions(conditions)) {
      throw RoutingRuleException.aboutField(
        RoutingRuleErrorCode.EmptyWhen,
        `${field}when`,
        'must hold at least one condition; a rule for every case is the service’s own department',
      );
    }
    await this.assertReferencesExist(conditions, rule.then, field);
    return {
      name: rule.name.trim(),
      conditions,
      departmentCode: rule.then.departmentCode,
      queueCode: rule.then.queueCode ?? null,
      priority: rule.then.priority ?? null,
      slaHours: rule.then.slaHours ?? null,
    };
  }

  private async assertReferencesExist(
    conditions: RuleConditions,
    then: RuleStatement['then'],
    field: string,
  ): Promise<void> {
    if (conditions.serviceCodes.length > 0) {
      const known = new Set(
        (await this.catalog.servicesByCodes(conditions.serviceCodes)).map((s) => s.code),
      );
      const unknown = conditions.serviceCodes.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.UnknownService,
          `${field}when.serviceCodes`,
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
          `${field}when.districtCodes`,
          `names unknown districts: ${unknown.join(', ')}`,
        );
      }
    }
    if (conditions.attribute) {
      await this.assertAttributeAsked(conditions.attribute.code, conditions.serviceCodes, field);
    }
    const [department] = await this.catalog.departmentsByCodes([then.departmentCode]);
    if (!department) {
      throw RoutingRuleException.aboutField(
        RoutingRuleErrorCode.UnknownDepartment,
        `${field}then.departmentCode`,
        `names no department ("${then.departmentCode}"; query departments)`,
      );
    }
    if (then.queueCode) {
      const queue = await this.catalog.queue(then.queueCode);
      if (!queue) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.UnknownQueue,
          `${field}then.queueCode`,
          `names no queue ("${then.queueCode}")`,
        );
      }
      if (queue.departmentCode !== then.departmentCode) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.QueueNotInDepartment,
          `${field}then.queueCode`,
          `is a queue of department ${queue.departmentCode}, not of ${then.departmentCode}`,
        );
      }
    }
  }

  /**
   * A condition on an answer no case can carry would never hold: the code must be a question of
   * one of the rule's services, or of any service when the rule names none.
   */
  private async assertAttributeAsked(
    code: string,
    serviceCodes: string[],
    field: string,
  ): Promise<void> {
    if (await this.catalog.isAttributeAsked(code, serviceCodes)) {
      return;
    }
    throw RoutingRuleException.aboutField(
      RoutingRuleErrorCode.UnknownAttribute,
      `${field}when.attribute.code`,
      serviceCodes.length > 0
        ? `is not a question of ${serviceCodes.join(', ')} ("${code}"; see Service.attributes)`
        : `is not a question of any service ("${code}")`,
    );
  }
}

/** The conditions as stored: lists trimmed, blanks and repeats dropped; absent as empty or null. */
function conditionsOf(when: RuleStatement['when']): RuleConditions {
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
