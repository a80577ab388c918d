import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** class-validator's rule record (not exported by the package). */
interface Rule {
  type: string;
  propertyName: string;
  target: string | (new (...args: never[]) => unknown);
  constraints: unknown[];
  constraintCls: object;
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface Constraint {
  async: boolean;
  instance: { validate(value: unknown, args: object): unknown };
}

interface Storage {
  getTargetValidationMetadatas(
    target: object,
    schema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): Rule[];
  groupByPropertyName(rules: Rule[]): Record<string, Rule[]>;
  getTargetValidatorConstraints(target: object): Constraint[];
}

interface PropertyPlan {
  name: string;
  defined: Rule[];
  conditional: Rule[];
  custom: Rule[];
  nested: Rule[];
}

interface ClassPlan {
  grouped: Record<string, Rule[]>;
  properties: PropertyPlan[];
}

const SUPPORTED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

const storage = getMetadataStorage() as unknown as Storage;
/** Keyed by the rule list class-validator hands out; a registered decorator makes a new one. */
const plans = new WeakMap<Rule[], ClassPlan | null>();

function planOf(rules: Rule[]): ClassPlan | null {
  let plan = plans.get(rules);
  if (plan === undefined) {
    if (rules.some((r) => !SUPPORTED.has(r.type))) {
      plan = null;
    } else {
      const grouped = storage.groupByPropertyName(rules);
      plan = {
        grouped,
        properties: Object.keys(grouped).map((name) => {
          const own = grouped[name];
          const rest = own.filter(
            (r) => r.type !== ValidationTypes.IS_DEFINED && r.type !== ValidationTypes.WHITELIST,
          );
          return {
            name,
            defined: own.filter((r) => r.type === ValidationTypes.IS_DEFINED),
            conditional: rest.filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION),
            custom: rest.filter((r) => r.type === ValidationTypes.CUSTOM_VALIDATION),
            nested: rest.filter((r) => r.type === ValidationTypes.NESTED_VALIDATION),
          };
        }),
      };
    }
    plans.set(rules, plan);
  }
  return plan;
}

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

const elementsOf = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : [...value];

const isPromise = (value: unknown): boolean =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Promise<unknown>).then === 'function';

function customRulesPass(object: object, value: unknown, rules: Rule[]): boolean {
  for (const rule of rules) {
    if (rule.validateIf && !rule.validateIf(object, value)) {
      continue;
    }
    for (const constraint of storage.getTargetValidatorConstraints(rule.constraintCls)) {
      if (constraint.async) {
        continue; // validateSync ignores asynchronous constraints too
      }
      const args = {
        targetName: object.constructor ? object.constructor.name : undefined,
        property: rule.propertyName,
        object,
        value,
        constraints: rule.constraints,
      };
      const values = rule.each && isCollection(value) ? elementsOf(value) : [value];
      for (const one of values) {
        const valid = constraint.instance.validate(one, args);
        if (!valid || isPromise(valid)) {
          return false;
        }
      }
    }
  }
  return true;
}

function nestedRulesPass(value: unknown, rules: Rule[]): boolean {
  if (value === undefined) {
    return true;
  }
  for (const rule of rules) {
    if (isCollection(value)) {
      // class-validator applies the property's nested rules to each element in turn.
      if (!elementsOf(value).every((element) => nestedRulesPass(element, rules))) {
        return false;
      }
    } else if (value instanceof Object) {
      const schema = typeof rule.target === 'string' ? rule.target : rule.target.name;
      if (!objectPasses(value, schema)) {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

function objectPasses(object: object, schema: string | undefined): boolean {
  const rules = storage.getTargetValidationMetadatas(object.constructor, schema, false, false);
  if (rules.length === 0) {
    return false; // forbidUnknownValues
  }
  const plan = planOf(rules);
  if (!plan) {
    return false;
  }
  const record = object as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const own = plan.grouped[key];
    if (!own || own.length === 0) {
      delete record[key]; // whitelist, without forbidNonWhitelisted
    }
  }
  for (const property of plan.properties) {
    const value = record[property.name];
    if (
      !property.conditional.every((r) => (r.constraints[0] as Rule['validateIf'])!(object, value))
    ) {
      continue;
    }
    if (
      !customRulesPass(object, value, property.defined) ||
      !customRulesPass(object, value, property.custom) ||
      !nestedRulesPass(value, property.nested)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Whether `validateSync(instance, { whitelist: true, forbidNonWhitelisted: false })` would find
 * no error, stripping the same unknown properties, without building its error tree: the same
 * rules, in the same order, with the same arguments, answering only yes or no. class-validator's
 * executor allocates an error record for every property it checks whether or not it fails, which
 * made decoding a 500-record batch of imported history a third of each consumer's CPU (bench/import
 * profiles, docs/adr/0089). "No" (or any rule it does not know) is never final: the caller asks
 * class-validator, which names the fields.
 */
export function passesRules(instance: object): boolean {
  return objectPasses(instance, undefined);
}
