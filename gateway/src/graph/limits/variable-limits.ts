import { LimitCode } from './limit-code.js';

/** Bounds on the `variables` of one GraphQL request (docs/adr/0050). */
export interface VariableLimits {
  /** Items in any one list. */
  maxListItems: number;
  /** Lists and objects nested inside one variable (a variable that is an object is depth 1). */
  maxDepth: number;
  /** Characters in any one string, object keys included. */
  maxStringLength: number;
  /** Values across all variables: every list, object, string, number, boolean and null. */
  maxValues: number;
}

/** Why `variables` are refused: the limit's code, the variable and where in it, in words. */
export interface VariableLimitBreach {
  code: LimitCode;
  variable: string;
  message: string;
}

type Segment = string | number;

function pathOf(segments: readonly Segment[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s.slice(0, 100)}`))
    .join('');
}

/**
 * The first limit `variables` break, or undefined when they keep to all of them. Looks at each
 * value at most once and stops at the first breach, so its own cost is bounded by `maxValues`
 * whatever the request holds. It runs before GraphQL coerces the variables: coercion reports one
 * error per wrong value, and Apollo's gateway coerces without a cap on errors.
 */
export function variableLimitBreach(
  variables: unknown,
  limits: VariableLimits,
): VariableLimitBreach | undefined {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    return undefined; // Not a map of variables: Apollo refuses it with its own 400.
  }
  let values = 0;
  const path: Segment[] = [];
  const breach = (code: LimitCode, message: string): VariableLimitBreach => ({
    code,
    variable: String(path[0]).slice(0, 100),
    message,
  });
  const visit = (value: unknown, depth: number): VariableLimitBreach | undefined => {
    values += 1;
    if (values > limits.maxValues) {
      return breach(
        LimitCode.TooManyVariableValues,
        `The variables hold more than ${limits.maxValues} values (the limit), passed at ${pathOf(path)}`,
      );
    }
    if (typeof value === 'string') {
      return value.length > limits.maxStringLength
        ? breach(
            LimitCode.VariableStringTooLong,
            `Variable "$${String(path[0]).slice(0, 100)}" has a string of ${value.length} characters at ${pathOf(path)}; the limit is ${limits.maxStringLength}`,
          )
        : undefined;
    }
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    if (depth >= limits.maxDepth) {
      return breach(
        LimitCode.VariableTooDeep,
        `Variable "$${String(path[0]).slice(0, 100)}" nests lists and objects more than ${limits.maxDepth} deep at ${pathOf(path)}`,
      );
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxListItems) {
        return breach(
          LimitCode.VariableListTooLong,
          `Variable "$${String(path[0]).slice(0, 100)}" has a list of ${value.length} items at ${pathOf(path)}; the limit is ${limits.maxListItems}`,
        );
      }
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const found = visit(value[i], depth + 1);
        path.pop();
        if (found) {
          return found;
        }
      }
      return undefined;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) {
        continue;
      }
      path.push(key);
      const found =
        key.length > limits.maxStringLength
          ? breach(
              LimitCode.VariableStringTooLong,
              `Variable "$${String(path[0]).slice(0, 100)}" has a field name of ${key.length} characters; the limit is ${limits.maxStringLength}`,
            )
          : visit((value as Record<string, unknown>)[key], depth + 1);
      path.pop();
      if (found) {
        return found;
      }
    }
    return undefined;
  };
  for (const name of Object.keys(variables)) {
    path.push(name);
    const found =
      name.length > limits.maxStringLength
        ? breach(
            LimitCode.VariableStringTooLong,
            `A variable name has ${name.length} characters; the limit is ${limits.maxStringLength}`,
          )
        : visit((variables as Record<string, unknown>)[name], 0);
    path.pop();
    if (found) {
      return found;
    }
  }
  return undefined;
}
