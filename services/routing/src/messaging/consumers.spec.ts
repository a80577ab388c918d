import { describe, expect, it } from '@jest/globals';
import { consumerManifestProblemsFor } from '@civitas/testing';
import { ROUTING_CONSUMERS } from './consumers.js';

describe('routing event consumers', () => {
  it('are the ones docs/consumers.json lists, with a note for every durable renamed or removed', () => {
    expect(consumerManifestProblemsFor('routing', ROUTING_CONSUMERS)).toEqual([]);
  });
});
