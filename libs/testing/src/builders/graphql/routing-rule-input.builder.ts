import { InputBuilder } from './input.builder.js';

/** routing's `SaveRoutingRuleInput`, as a client sends it. */
export interface SaveRoutingRuleInput {
  id?: string;
  name: string;
  position?: number;
  enabled?: boolean;
  when: {
    serviceCodes?: string[];
    districtCodes?: string[];
    channels?: string[];
    keywords?: string[];
    emergency?: boolean;
    attribute?: { code: string; equals: string };
  };
  then: {
    departmentCode: string;
    queueCode?: string;
    priority?: string;
    slaHours?: number;
  };
}

/** A rule sending potholes to parks' general queue, named uniquely; steps change what matters. */
export class RoutingRuleInputBuilder extends InputBuilder<SaveRoutingRuleInput> {
  private static count = 0;

  constructor() {
    RoutingRuleInputBuilder.count += 1;
    super({
      name: `rule ${RoutingRuleInputBuilder.count}`,
      when: { serviceCodes: ['pothole'] },
      then: { departmentCode: 'parks' },
    });
  }

  /** Replaces the rule with this id (a save without one creates a rule). */
  replacing(id: string): this {
    return this.with({ id });
  }

  named(name: string): this {
    return this.with({ name });
  }

  at(position: number): this {
    return this.with({ position });
  }

  disabled(): this {
    return this.with({ enabled: false });
  }

  /** The whole of `when` (what is not given is no condition). */
  when(when: SaveRoutingRuleInput['when']): this {
    return this.with({ when });
  }

  /** Sends matching cases to `departmentCode`, with these of queue, priority and hours. */
  sendsTo(
    departmentCode: string,
    more: Omit<SaveRoutingRuleInput['then'], 'departmentCode'> = {},
  ): this {
    return this.with({ then: { departmentCode, ...more } });
  }
}

export function aRoutingRuleInput(): RoutingRuleInputBuilder {
  return new RoutingRuleInputBuilder();
}
