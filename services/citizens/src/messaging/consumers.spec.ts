import { describe, expect, it } from '@jest/globals';
import { consumerManifestProblemsFor } from '@civitas/testing';
import { CITIZENS_CONSUMERS } from './consumers.js';

describe('citizens event consumers', () => {
  it('are the ones docs/consumers.json lists, with a note for every durable renamed or removed', () => {
    expect(consumerManifestProblemsFor('citizens', CITIZENS_CONSUMERS)).toEqual([]);
  });
});
