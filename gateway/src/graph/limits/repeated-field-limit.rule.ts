import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
// graphql-js's own signal to stop validating: `validate` catches exactly this object and returns
// the errors found so far. Not part of its public index, hence the path.
import { validationAbortedError } from 'graphql/validation/validationAbortedError.js';
import { LimitCode } from './limit-code.js';

/**
 * Refuses a document in which one selection set asks for the same response name more than
 * `maxRepeats` times, counting inline fragments and every fragment spread (`{ a { x } a { x } … }`).
 *
 * graphql-js's OverlappingFieldsCanBeMerged compares every pair of such fields, so 500 copies of
 * `services { code }` (2,000 tokens) took it two seconds. That rule runs in the same pass as ours
 * and cannot be skipped, so this one measures on entering the document, before any selection set
 * is visited, and stops validation when the limit is passed. The measure is linear: each
 * fragment's counts are worked out once.
 */
export function repeatedFieldLimitRule(maxRepeats: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      enter(document: DocumentNode) {
        const worst = new Repetitions(context, maxRepeats).worstIn(document);
        if (worst) {
          context.reportError(
            new GraphQLError(
              `"${worst.name}" is selected ${worst.count > maxRepeats * 10 ? `more than ${maxRepeats * 10}` : worst.count} times in one selection set; the limit is ${maxRepeats}`,
              { extensions: { code: LimitCode.FieldRepeatedTooOften } },
            ),
          );
          throw validationAbortedError;
        }
      },
    },
  });
}

type Counts = Map<string, number>;

class Repetitions {
  private readonly fragments = new Map<string, Counts>();
  private readonly counting = new Set<string>();
  /** Counts stop growing here: enough to know the limit is passed, and no overflow. */
  private readonly ceiling: number;

  constructor(
    private readonly context: ValidationContext,
    private readonly maxRepeats: number,
  ) {
    this.ceiling = maxRepeats * 10 + 1;
  }

  worstIn(document: DocumentNode): { name: string; count: number } | undefined {
    for (const definition of document.definitions) {
      if (
        definition.kind === Kind.OPERATION_DEFINITION ||
        definition.kind === Kind.FRAGMENT_DEFINITION
      ) {
        const worst = this.worstBelow(definition.selectionSet);
        if (worst) {
          return worst;
        }
      }
    }
    return undefined;
  }

  /** This selection set and every field's selection set under it, each looked at once. */
  private worstBelow(selectionSet: SelectionSetNode): { name: string; count: number } | undefined {
    for (const [name, count] of this.countsOf(selectionSet)) {
      if (count > this.maxRepeats) {
        return { name, count };
      }
    }
    const pending = [selectionSet];
    for (let set = pending.pop(); set; set = pending.pop()) {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          pending.push(selection.selectionSet);
        } else if (selection.kind === Kind.FIELD && selection.selectionSet) {
          const worst = this.worstBelow(selection.selectionSet);
          if (worst) {
            return worst;
          }
        }
      }
    }
    return undefined;
  }

  /** Response names in a selection set, through inline fragments and fragment spreads. */
  private countsOf(selectionSet: SelectionSetNode): Counts {
    const counts: Counts = new Map();
    const add = (name: string, n: number) =>
      counts.set(name, Math.min(this.ceiling, (counts.get(name) ?? 0) + n));
    const pending = [selectionSet];
    for (let set = pending.pop(); set; set = pending.pop()) {
      for (const selection of set.selections) {
        switch (selection.kind) {
          case Kind.FIELD:
            add((selection.alias ?? selection.name).value, 1);
            break;
          case Kind.INLINE_FRAGMENT:
            pending.push(selection.selectionSet);
            break;
          case Kind.FRAGMENT_SPREAD:
            for (const [name, n] of this.fragmentCounts(selection.name.value)) {
              add(name, n);
            }
            break;
        }
      }
    }
    return counts;
  }

  private fragmentCounts(name: string): Counts {
    const known = this.fragments.get(name);
    if (known) {
      return known;
    }
    const fragment = this.context.getFragment(name);
    // Unknown fragments and cycles are reported by graphql-js's own rules.
    if (!fragment || this.counting.has(name)) {
      return new Map();
    }
    this.counting.add(name);
    const counts = this.countsOf(fragment.selectionSet);
    this.counting.delete(name);
    this.fragments.set(name, counts);
    return counts;
  }
}
