/**
 * The `extensions.code` of each edge limit, so a client can tell which limit it ran into (Apollo
 * would otherwise answer every one of them as GRAPHQL_VALIDATION_FAILED or GRAPHQL_PARSE_FAILED).
 */
export enum LimitCode {
  QueryTooLarge = 'QUERY_TOO_LARGE',
  QueryTooDeep = 'QUERY_TOO_DEEP',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  TooManyAliases = 'TOO_MANY_ALIASES',
  TooManyDirectives = 'TOO_MANY_DIRECTIVES',
  TooManyFragmentSpreads = 'TOO_MANY_FRAGMENT_SPREADS',
  FieldRepeatedTooOften = 'FIELD_REPEATED_TOO_OFTEN',
  TimeBudgetExceeded = 'TIME_BUDGET_EXCEEDED',
  VariableListTooLong = 'VARIABLE_LIST_TOO_LONG',
  VariableTooDeep = 'VARIABLE_TOO_DEEP',
  VariableStringTooLong = 'VARIABLE_STRING_TOO_LONG',
  TooManyVariableValues = 'TOO_MANY_VARIABLE_VALUES',
  TooManyInvalidValues = 'TOO_MANY_INVALID_VALUES',
}

const LIMIT_CODES: ReadonlySet<string> = new Set(Object.values(LimitCode));

export function isLimitCode(code: unknown): code is LimitCode {
  return typeof code === 'string' && LIMIT_CODES.has(code);
}
