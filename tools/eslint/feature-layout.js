// @ts-check
// Where a service's features are, shared by the boundary rule and the feature-graph check
// (docs/adr/0033-feature-boundaries-inside-a-service.md).
import path from 'node:path';

/**
 * Folders directly under a service's `src/` that are the service's own wiring, not features: any
 * feature may import them deeply, and they import features through their public file as
 * `app.module.ts` does. `testing` holds what the service's specs share; the build leaves it out.
 */
export const NOT_FEATURES = Object.freeze(['config', 'database', 'testing']);

/** The file every feature offers the rest of its service: `src/<feature>/index.ts`. */
export const PUBLIC_FILE = 'index.ts';

const SERVICE_SRC = /^(.*\/services\/[^/]+\/src)\/(.+)$/;

/**
 * @typedef {{ srcRoot: string, folder: string | null, rest: string }} SourcePlace
 * `folder` is the top-level folder under `src/` (null for a file at `src/` itself), `rest` the
 * path inside it.
 */

/**
 * Places a file (absolute path) inside its service, or returns null outside `services/<name>/src`.
 * @param {string} file
 * @returns {SourcePlace | null}
 */
export function placeOf(file) {
  const match = SERVICE_SRC.exec(file.split(path.sep).join('/'));
  if (!match) {
    return null;
  }
  const srcRoot = /** @type {string} */ (match[1]);
  const inside = /** @type {string} */ (match[2]);
  const slash = inside.indexOf('/');
  return slash < 0
    ? { srcRoot, folder: null, rest: inside }
    : { srcRoot, folder: inside.slice(0, slash), rest: inside.slice(slash + 1) };
}

/**
 * @param {string | null} folder
 * @returns {folder is string}
 */
export function isFeature(folder) {
  return folder !== null && !NOT_FEATURES.includes(folder);
}

/**
 * True when `rest` (a path inside a feature folder, as imported: `index.js`) is its public file.
 * @param {string} rest
 */
export function isPublicFile(rest) {
  return rest === 'index.js' || rest === PUBLIC_FILE;
}
