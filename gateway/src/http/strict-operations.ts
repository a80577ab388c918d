import {
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether a GraphQL request body asks for a mutation field named in `names` (at the top of any
 * mutation in the document, through fragments too, whatever it is aliased to). A body that does
 * not parse names none: GraphQL refuses it anyway. Parsing is bounded by `maxTokens`, the same
 * bound the GraphQL server applies.
 */
export function namesStrictOperation(
  body: unknown,
  names: ReadonlySet<string>,
  maxTokens: number,
): boolean {
  if (names.size === 0 || typeof body !== 'object' || body === null) {
    return false;
  }
  const query = (body as { query?: unknown }).query;
  if (typeof query !== 'string' || !/\bmutation\b/.test(query)) {
    return false;
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    return false;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const visited = new Set<string>();
  const mentions = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return names.has(selection.name.value);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return mentions(selection.selectionSet);
      }
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visited.has(name)) {
        return false;
      }
      visited.add(name);
      return mentions(fragment.selectionSet);
    });
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === 'mutation' &&
      mentions(definition.selectionSet),
  );
}
