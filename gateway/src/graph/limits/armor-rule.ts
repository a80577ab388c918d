import {
  GraphQLError,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { LimitCode } from './limit-code.js';

/** The options every GraphQL Armor rule takes that matter here. */
interface ArmorOptions {
  n?: number;
  propagateOnRejection?: boolean;
  onReject?: ((context: ValidationContext | null, error: GraphQLError) => void)[];
}

/**
 * A GraphQL Armor rule reporting its refusal as a validation error with our code. Armor's default
 * is to throw out of `validate`, which Apollo answers as a 500; reported errors become a 400.
 */
export function armorRule(
  rule: (options: ArmorOptions) => (context: ValidationContext) => unknown,
  limit: number,
  code: LimitCode,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor =>
    rule({
      n: limit,
      propagateOnRejection: false,
      onReject: [
        (_context, error) =>
          context.reportError(
            new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
              extensions: { code },
            }),
          ),
      ],
    })(context) as ASTVisitor;
}
