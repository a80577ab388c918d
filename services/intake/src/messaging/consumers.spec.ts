import { describe, expect, it } from '@jest/globals';
import { consumerManifestProblemsFor } from '@civitas/testing';
import { INTAKE_CONSUMERS } from './consumers.js';

describe('intake event consumers', () => {
  it('are the ones docs/consumers.json lists, with a note for every durable renamed or removed', () => {
    expect(consumerManifestProblemsFor('intake', INTAKE_CONSUMERS)).toEqual([]);
  });
});
