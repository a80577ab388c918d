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
