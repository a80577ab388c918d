import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isLimitCode, LimitCode } from './limit-code.js';

/** graphql-js's words for a document over `maxLexicalTokens` or `maxSourceLength`. */
const PARSE_LIMIT =
  /^Syntax Error: (Document contains more tha[nt] \d+ tokens|Source contains more than \d+ UTF-16 code units)/;

/** Apollo's generic codes, which hide which limit a document ran into. */
const GENERIC = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/**
 * Gives a refused document the code of the limit it ran into, in place of Apollo's generic one,
 * and in production drops the "Did you mean …?" suggestions that map the schema for a stranger.
 */
export function formatLimitError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    let result = formatted;
    if (typeof code === 'string' && GENERIC.has(code)) {
      const original = error instanceof GraphQLError ? error.originalError : undefined;
      const limit =
        original instanceof GraphQLError && isLimitCode(original.extensions.code)
          ? original.extensions.code
          : PARSE_LIMIT.test(formatted.message)
            ? LimitCode.QueryTooLarge
            : undefined;
      if (limit) {
        result = { ...formatted, extensions: { ...formatted.extensions, code: limit } };
      }
    }
    if (production) {
      const message = result.message.replace(/ ?Did you mean .+?\?/g, '');
      if (message !== result.message) {
        result = { ...result, message };
      }
    }
    return result;
  };
}
