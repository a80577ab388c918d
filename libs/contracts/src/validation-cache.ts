import { getMetadataStorage } from 'class-validator';

/** class-validator's rule record (not exported by the package). */
interface ValidationMetadata {
  propertyName: string;
}

type Lookup = (
  target: object,
  schema: string,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => ValidationMetadata[];

interface Storage {
  getTargetValidationMetadatas: Lookup;
  groupByPropertyName(metadata: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
  addValidationMetadata(metadata: ValidationMetadata): void;
}

const INSTALLED = Symbol.for('civitas.class-validator-metadata-cache');

/**
 * class-validator looks up a class's rules on every object it validates by scanning every
 * registered class (an `instanceof` per class) and regrouping them by property. With the few
 * hundred classes of a service that was the largest single cost of validating a batch of imported
 * history (bench/import profiles, docs/adr/0022). The answer only changes when a decorator
 * registers new rules, so it is memoised per class and options and the memo is dropped whenever
 * one does. Installed once per process, whoever loads it first.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Storage & { [INSTALLED]?: true };
  if (storage[INSTALLED]) {
    return;
  }
  storage[INSTALLED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let byTarget = new Map<object, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) {
      forTarget = new Map();
      byTarget.set(target, forTarget);
    }
    let found = forTarget.get(key);
    if (!found) {
      found = lookup(target, schema, always, strictGroups, groups);
      forTarget.set(key, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) {
      found = group(metadata);
      grouped.set(metadata, found);
    }
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    byTarget = new Map();
    grouped = new WeakMap();
    add(metadata);
  };
}
