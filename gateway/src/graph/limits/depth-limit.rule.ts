import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Refuses operations nested deeper than `maxDepth` fields (fragments followed). Introspection
 * fields are not counted: whether introspection is allowed at all is decided elsewhere.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node: OperationDefinitionNode) {
      const depth = selectionDepth(node.selectionSet, context, new Set());
      if (depth > maxDepth) {
        context.reportError(
          new GraphQLError(
            `Operation${node.name ? ` "${node.name.value}"` : ''} is ${depth} levels deep; the limit is ${maxDepth}`,
            { nodes: [node], extensions: { code: 'QUERY_TOO_DEEP' } },
          ),
        );
      }
    },
  });
}

function selectionDepth(
  selectionSet: SelectionSetNode,
  context: ValidationContext,
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        if (selection.name.value.startsWith('__')) {
          continue;
        }
        const below = selection.selectionSet
          ? selectionDepth(selection.selectionSet, context, visiting)
          : 0;
        deepest = Math.max(deepest, 1 + below);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        deepest = Math.max(deepest, selectionDepth(selection.selectionSet, context, visiting));
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
        // A cycle is reported by graphql's own NoFragmentCycles rule; here it just stops.
        if (fragment && !visiting.has(name)) {
          visiting.add(name);
          deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, context, visiting));
          visiting.delete(name);
        }
        break;
      }
    }
  }
  return deepest;
}
