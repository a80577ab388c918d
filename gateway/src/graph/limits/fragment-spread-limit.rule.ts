import {
  GraphQLError,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { LimitCode } from './limit-code.js';

/**
 * Refuses documents with more than `maxSpreads` fragment spreads. Each spread is a place where
 * the executor and the query planner merge a fragment's fields again; legitimate clients need a
 * few dozen at most. Counted in the document as written (each node visited once).
 */
export function fragmentSpreadLimitRule(maxSpreads: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let spreads = 0;
    return {
      FragmentSpread() {
        spreads += 1;
      },
      Document: {
        leave() {
          if (spreads > maxSpreads) {
            context.reportError(
              new GraphQLError(
                `The document has ${spreads} fragment spreads; the limit is ${maxSpreads}`,
                { extensions: { code: LimitCode.TooManyFragmentSpreads } },
              ),
            );
          }
        },
      },
    };
  };
}
