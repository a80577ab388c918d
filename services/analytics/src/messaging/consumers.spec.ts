import { describe, expect, it } from '@jest/globals';
import { consumerManifestProblemsFor } from '@civitas/testing';
import { ANALYTICS_CONSUMERS } from './consumers.js';

describe('analytics event consumers', () => {
  it('are the ones docs/consumers.json lists, with a note for every durable renamed or removed', () => {
    expect(consumerManifestProblemsFor('analytics', ANALYTICS_CONSUMERS)).toEqual([]);
  });
});
