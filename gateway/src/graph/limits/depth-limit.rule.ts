import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { LimitCode } from './limit-code.js';

/**
 * Refuses operations nested deeper than `maxDepth` fields (fragments followed). Introspection
 * fields are not counted: whether introspection is allowed at all is decided elsewhere.
 *
 * A fragment's depth does not depend on where it is spread, so each fragment is measured once per
 * document and remembered: re-walking it at every spread made `F0 → F1 twice → F2 twice → ...`
 * cost 2^n for a request of a few hundred bytes.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const measure = new FragmentDepths(context);
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        const depth = measure.selectionDepth(node.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `Operation${node.name ? ` "${node.name.value}"` : ''} is ${depth} levels deep; the limit is ${maxDepth}`,
              { nodes: [node], extensions: { code: LimitCode.QueryTooDeep } },
            ),
          );
        }
      },
    };
  };
}

class FragmentDepths {
  private readonly depths = new Map<string, number>();
  /** Fragments being measured: a cycle (reported by NoFragmentCycles) counts as depth 0. */
  private readonly measuring = new Set<string>();

  constructor(private readonly context: ValidationContext) {}

  selectionDepth(selectionSet: SelectionSetNode): number {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          if (!selection.name.value.startsWith('__')) {
            const below = selection.selectionSet ? this.selectionDepth(selection.selectionSet) : 0;
            deepest = Math.max(deepest, 1 + below);
          }
          break;
        case Kind.INLINE_FRAGMENT:
          deepest = Math.max(deepest, this.selectionDepth(selection.selectionSet));
          break;
        case Kind.FRAGMENT_SPREAD:
          deepest = Math.max(deepest, this.fragmentDepth(selection.name.value));
          break;
      }
    }
    return deepest;
  }

  private fragmentDepth(name: string): number {
    const known = this.depths.get(name);
    if (known !== undefined) {
      return known;
    }
    if (this.measuring.has(name)) {
      return 0;
    }
    const fragment = this.context.getFragment(name);
    if (!fragment) {
      // Unknown fragments are reported by KnownFragmentNames.
      this.depths.set(name, 0);
      return 0;
    }
    this.measuring.add(name);
    const depth = this.selectionDepth(fragment.selectionSet);
    this.measuring.delete(name);
    this.depths.set(name, depth);
    return depth;
  }
}
