// @ts-check
// The import graph between the top-level folders of a service's src/, which must be acyclic
// (docs/adr/0033): a cycle between features makes module wiring depend on load order and means
// neither feature can be understood or changed without the other.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { placeOf } from './feature-layout.js';

/** Tests import whatever they check, and nothing imports a test, so they close no cycle. */
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

/**
 * @typedef {{ file: string, text: string }} SourceFile  `file` is absolute.
 * @typedef {{ from: string, to: string, file: string, specifier: string }} FeatureImport
 *   One import that crosses from folder `from` into folder `to`; `file` relative to `src/`.
 * @typedef {Map<string, Map<string, FeatureImport>>} FeatureGraph
 *   from -> to -> the first import found that makes the edge.
 */

/**
 * The folder-level import graph of one service's sources; files at `src/` itself (`main.ts`,
 * `app.module.ts`) compose the service and are left out, as are tests.
 * @param {readonly SourceFile[]} sources
 * @returns {FeatureGraph}
 */
export function featureGraphOf(sources) {
  /** @type {FeatureGraph} */
  const graph = new Map();
  for (const { file, text } of sources) {
    const from = placeOf(file);
    if (!from?.folder || TEST_FILE.test(file)) {
      continue;
    }
    const edges = graph.get(from.folder) ?? new Map();
    graph.set(from.folder, edges);
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!specifier.startsWith('.')) {
        continue;
      }
      const to = placeOf(path.resolve(path.dirname(file), specifier));
      if (!to?.folder || to.srcRoot !== from.srcRoot || to.folder === from.folder) {
        continue;
      }
      if (!edges.has(to.folder)) {
        edges.set(to.folder, {
          from: from.folder,
          to: to.folder,
          file: `${from.folder}/${from.rest}`,
          specifier,
        });
      }
    }
  }
  return graph;
}

/**
 * Every cycle, one per strongly connected group of folders, as the imports that close it
 * (`a -> b -> a`), in a stable order.
 * @param {FeatureGraph} graph
 * @returns {FeatureImport[][]}
 */
export function cyclesOf(graph) {
  const folders = [
    ...new Set([...graph.keys(), ...[...graph.values()].flatMap((e) => [...e.keys()])]),
  ].sort();
  /** @param {string} folder */
  const next = (folder) => [...(graph.get(folder)?.keys() ?? [])].sort();
  /** @type {FeatureImport[][]} */
  const cycles = [];
  const done = new Set();
  for (const start of folders) {
    if (done.has(start)) {
      continue;
    }
    const path = shortestPath(start, start, next);
    if (!path) {
      continue;
    }
    // Report each cycle once: the folders in it are not reported again as starting points.
    path.forEach((folder) => done.add(folder));
    cycles.push(
      path.slice(0, -1).map((from, i) => {
        const to = /** @type {string} */ (path[i + 1]);
        return /** @type {FeatureImport} */ (graph.get(from)?.get(to));
      }),
    );
  }
  return cycles;
}

/**
 * Breadth first, so the cycle named is the shortest through `from`.
 * @param {string} from
 * @param {string} to
 * @param {(folder: string) => string[]} next
 * @returns {string[] | null}
 */
function shortestPath(from, to, next) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = next(from).map((folder) => {
    cameFrom.set(folder, from);
    return folder;
  });
  while (queue.length > 0) {
    const folder = /** @type {string} */ (queue.shift());
    if (folder === to) {
      /** @type {string[]} */
      const path = [to];
      let step = /** @type {string} */ (cameFrom.get(to));
      while (step !== from) {
        path.unshift(step);
        step = /** @type {string} */ (cameFrom.get(step));
      }
      return [from, ...path];
    }
    for (const following of next(folder)) {
      if (!cameFrom.has(following)) {
        cameFrom.set(following, folder);
        queue.push(following);
      }
    }
  }
  return null;
}

/**
 * `cases -> timeline -> cases (cases/x.ts imports ../timeline/y.js; timeline/y.ts imports ...)`
 * @param {FeatureImport[]} cycle
 */
export function describeCycle(cycle) {
  const folders = [...cycle.map((edge) => edge.from), cycle[0]?.from].join(' -> ');
  const because = cycle.map((edge) => `${edge.file} imports '${edge.specifier}'`).join('; ');
  return `${folders} (${because})`;
}

/**
 * Providers listed in the `providers` of more than one Nest module: each listing makes its own
 * instance, so state and configuration silently diverge. A provider belongs to its feature's
 * module, which exports it to the modules that import it.
 * @param {readonly SourceFile[]} sources
 * @returns {Map<string, string[]>} provider name -> the module files listing it (only repeats)
 */
export function repeatedProvidersOf(sources) {
  /** @type {Map<string, string[]>} */
  const listedIn = new Map();
  for (const { file, text } of sources) {
    if (!file.endsWith('.module.ts')) {
      continue;
    }
    const where = placeOf(file);
    const name = where ? (where.folder ? `${where.folder}/${where.rest}` : where.rest) : file;
    for (const provider of moduleProvidersOf(
      ts.createSourceFile(file, text, ts.ScriptTarget.Latest),
    )) {
      listedIn.set(provider, [...(listedIn.get(provider) ?? []), name]);
    }
  }
  return new Map([...listedIn].filter(([, files]) => files.length > 1));
}

/**
 * The class names in `@Module({ providers: [...] })`; `{ provide: X, ... }` counts as X.
 * @param {ts.SourceFile} source
 * @returns {string[]}
 */
function moduleProvidersOf(source) {
  /** @type {string[]} */
  const names = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      ts.isDecorator(node) &&
      ts.isCallExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'Module'
    ) {
      const [options] = node.expression.arguments;
      const providers =
        options && ts.isObjectLiteralExpression(options)
          ? options.properties.find(
              (p) => ts.isPropertyAssignment(p) && p.name.getText(source) === 'providers',
            )
          : undefined;
      if (providers && ts.isPropertyAssignment(providers)) {
        const list = providers.initializer;
        for (const element of ts.isArrayLiteralExpression(list) ? list.elements : []) {
          if (ts.isIdentifier(element)) {
            names.push(element.text);
          } else if (ts.isObjectLiteralExpression(element)) {
            const provide = element.properties.find(
              (p) => ts.isPropertyAssignment(p) && p.name.getText(source) === 'provide',
            );
            if (provide && ts.isPropertyAssignment(provide)) {
              names.push(provide.initializer.getText(source));
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * The TypeScript sources of one service's src/ as read from disk.
 * @param {string} srcRoot absolute
 * @returns {SourceFile[]}
 */
export function readSources(srcRoot) {
  return readdirSync(srcRoot, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, text: readFileSync(file, 'utf8') };
    });
}
