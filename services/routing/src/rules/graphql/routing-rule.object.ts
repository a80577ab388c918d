import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Channel, Priority } from '@civitas/contracts';
import type { RoutingRuleEntity, RuleConditions } from '../routing-rule.entity.js';
import {
  RoutingRuleChange,
  type RoutingRuleVersionEntity,
} from '../routing-rule-version.entity.js';

registerEnumType(RoutingRuleChange, {
  name: 'RoutingRuleChange',
  description: 'What a version of a routing rule records.',
});

@ObjectType('RoutingRuleAttributeCondition')
export class RoutingRuleAttributeConditionObject {
  @Field({ description: "An attribute code of the case's service (its Open311 question)." })
  code: string;

  @Field({
    description: 'The answer that matches (case- and accent-insensitive; any of a list’s answers).',
  })
  equals: string;
}

@ObjectType('RoutingRuleWhen', {
  description:
    'What a case must be for the rule to apply: every condition given must hold; an empty list is no condition, a list holds when it contains the case’s value.',
})
export class RoutingRuleWhenObject {
  @Field(() => [String])
  serviceCodes: string[];

  @Field(() => [String], { description: 'The district routing places the case in.' })
  districtCodes: string[];

  @Field(() => [Channel])
  channels: Channel[];

  @Field(() => [String], {
    description:
      'Words or phrases, any of which in the description matches (whole words, case- and accent-insensitive).',
  })
  keywords: string[];

  @Field(() => Boolean, { nullable: true, description: 'Null: emergency or not.' })
  emergency: boolean | null;

  @Field(() => RoutingRuleAttributeConditionObject, { nullable: true })
  attribute: RoutingRuleAttributeConditionObject | null;

  static from(c: RuleConditions): RoutingRuleWhenObject {
    return Object.assign(new RoutingRuleWhenObject(), {
      serviceCodes: c.serviceCodes,
      districtCodes: c.districtCodes,
      channels: c.channels,
      keywords: c.keywords,
      emergency: c.emergency,
      attribute: c.attribute,
    });
  }
}

@ObjectType('RoutingRuleThen', {
  description:
    'Where a matching case goes; what is null comes from the service, as without a rule.',
})
export class RoutingRuleThenObject {
  @Field()
  departmentCode: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Null: the department's priority queue for an emergency, its general one otherwise.",
  })
  queueCode: string | null;

  @Field(() => Priority, {
    nullable: true,
    description:
      "Null: the service's default. An emergency stays EMERGENCY whatever the rule says.",
  })
  priority: Priority | null;

  @Field(() => Int, {
    nullable: true,
    description: "Null: the service's target. An emergency stays capped at 4 hours.",
  })
  slaHours: number | null;

  static from(
    rule: Pick<RoutingRuleEntity, 'departmentCode' | 'queueCode' | 'priority' | 'slaHours'>,
  ): RoutingRuleThenObject {
    return Object.assign(new RoutingRuleThenObject(), {
      departmentCode: rule.departmentCode,
      queueCode: rule.queueCode,
      priority: rule.priority,
      slaHours: rule.slaHours,
    });
  }
}

@ObjectType('RoutingRule', {
  description:
    'Sends the cases it matches to a department and queue, with a priority and target. Enabled rules are tried in position order; the first match wins; with none the service’s own department applies.',
})
export class RoutingRuleObject {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  position: number;

  @Field()
  enabled: boolean;

  @Field(() => RoutingRuleWhenObject)
  when: RoutingRuleWhenObject;

  @Field(() => RoutingRuleThenObject)
  then: RoutingRuleThenObject;

  @Field(() => Int, { description: '1 when created, one more at each save (routingRuleHistory).' })
  version: number;

  @Field(() => String, { nullable: true, description: 'The subject of whoever saved it last.' })
  updatedBy: string | null;

  @Field()
  updatedAt: Date;

  static from(rule: RoutingRuleEntity): RoutingRuleObject {
    return Object.assign(new RoutingRuleObject(), {
      id: rule.id,
      name: rule.name,
      position: rule.position,
      enabled: rule.enabled,
      when: RoutingRuleWhenObject.from(rule.conditions),
      then: RoutingRuleThenObject.from(rule),
      version: rule.version,
      updatedBy: rule.updatedBy,
      updatedAt: rule.updatedAt,
    });
  }
}

@ObjectType('RoutingRuleVersion', {
  description: 'A routing rule as one save (or its deletion) left it: who, when, what.',
})
export class RoutingRuleVersionObject {
  @Field(() => ID)
  ruleId: string;

  @Field(() => Int)
  version: number;

  @Field(() => RoutingRuleChange)
  change: RoutingRuleChange;

  @Field(() => String, { nullable: true, description: 'The subject of whoever made the change.' })
  changedBy: string | null;

  @Field()
  changedAt: Date;

  @Field()
  name: string;

  @Field(() => Int)
  position: number;

  @Field()
  enabled: boolean;

  @Field(() => RoutingRuleWhenObject)
  when: RoutingRuleWhenObject;

  @Field(() => RoutingRuleThenObject)
  then: RoutingRuleThenObject;

  static from(v: RoutingRuleVersionEntity): RoutingRuleVersionObject {
    return Object.assign(new RoutingRuleVersionObject(), {
      ruleId: v.ruleId,
      version: v.version,
      change: v.change,
      changedBy: v.changedBy,
      changedAt: v.changedAt,
      name: v.name,
      position: v.position,
      enabled: v.enabled,
      when: RoutingRuleWhenObject.from(v.conditions),
      then: RoutingRuleThenObject.from(v),
    });
  }
}
