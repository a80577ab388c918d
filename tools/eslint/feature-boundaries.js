// @ts-check
// A feature inside a service is a boundary: another feature, or the service's wiring, reaches it
// only through its public file `src/<feature>/index.ts` (docs/adr/0033). Nx tags cannot see this
// (a service is one Nx project) and `no-restricted-imports` matches import strings, not the
// folders relative imports resolve to, so this small rule resolves each relative import itself.
import path from 'node:path';
import { isFeature, isPublicFile, placeOf } from './feature-layout.js';

/** @type {import('eslint').Rule.RuleModule} */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Import another feature of the service only through its public file (src/<feature>/index.ts); inside a feature, import the file itself.',
    },
    schema: [],
    messages: {
      deepImport:
        "'{{specifier}}' reaches inside the feature '{{feature}}'. Import it from '{{publicFile}}' (its public file); if what you need is not exported there, decide with its owners whether it belongs to the feature's public surface (docs/adr/0033).",
      ownPublicFile:
        "'{{specifier}}' is this feature's own public file. Inside a feature import the file itself: going through index.ts loops back into the feature and risks 'Cannot access X before initialization'.",
    },
  },

  create(context) {
    const importer = placeOf(context.filename);
    if (!importer) {
      return {};
    }
    const directory = path.dirname(context.filename);

    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') {
        return;
      }
      const specifier = source.value;
      if (!specifier.startsWith('.')) {
        return;
      }
      const target = placeOf(path.resolve(directory, specifier));
      if (!target || target.srcRoot !== importer?.srcRoot || !isFeature(target.folder)) {
        return;
      }
      if (target.folder === importer.folder) {
        if (isPublicFile(target.rest)) {
          context.report({ node: source, messageId: 'ownPublicFile', data: { specifier } });
        }
        return;
      }
      if (!isPublicFile(target.rest)) {
        const publicFile = path.posix.join(
          path.posix.relative(
            directory.split(path.sep).join('/'),
            `${target.srcRoot}/${target.folder}`,
          ) || '.',
          'index.js',
        );
        context.report({
          node: source,
          messageId: 'deepImport',
          data: {
            specifier,
            feature: target.folder,
            publicFile: publicFile.startsWith('.') ? publicFile : `./${publicFile}`,
          },
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
