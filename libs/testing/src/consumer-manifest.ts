import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  consumerManifestProblems,
  type ConsumerDeclaration,
  type ConsumerManifest,
} from '@civitas/messaging';

/** Where the platform's committed list of durable consumers lives (docs/adr/0031). */
export const CONSUMER_MANIFEST_PATH = 'docs/consumers.json';

/** What differs between `service`'s declared consumers and the committed manifest; [] when none. */
export function consumerManifestProblemsFor(
  service: string,
  declared: readonly ConsumerDeclaration[],
): string[] {
  const manifest = JSON.parse(
    readFileSync(resolve(process.cwd(), CONSUMER_MANIFEST_PATH), 'utf8'),
  ) as ConsumerManifest;
  return consumerManifestProblems(manifest, service, declared);
}
