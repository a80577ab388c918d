import { describe, expect, it } from '@jest/globals';
import { consumerManifestProblemsFor } from '@civitas/testing';
import { CASES_CONSUMERS } from './consumers.js';

describe('cases event consumers', () => {
  it('are the ones docs/consumers.json lists, with a note for every durable renamed or removed', () => {
    expect(consumerManifestProblemsFor('cases', CASES_CONSUMERS)).toEqual([]);
  });
});
