import { describe, expect, it } from '@jest/globals';
import { CaseOpened, StatusChanged } from '@civitas/contracts';
import {
  consumerManifestProblems,
  eventConsumer,
  manifestEntryOf,
  type ConsumerManifest,
} from './consumer-declaration.js';

const notifier = eventConsumer(StatusChanged, 'citizens-notify-status-changed', {
  deliver: 'new',
});
const receiver = eventConsumer(CaseOpened, 'citizens-notify-case-opened', { deliver: 'new' });

const committed = (): ConsumerManifest => ({
  consumers: [manifestEntryOf('citizens', notifier), manifestEntryOf('citizens', receiver)],
  retired: [],
});

describe('consumer manifest', () => {
  it('accepts the code when it declares what the manifest lists', () => {
    expect(consumerManifestProblems(committed(), 'citizens', [notifier, receiver])).toEqual([]);
  });

  it('fails on a rename without a migration note, naming both durables', () => {
    const renamed = eventConsumer(StatusChanged, 'citizens-status-notifier', { deliver: 'new' });
    const problems = consumerManifestProblems(committed(), 'citizens', [renamed, receiver]);
    expect(problems).toEqual([
      expect.stringContaining(
        'declares "citizens-status-notifier" but docs/consumers.json does not list it',
      ),
      expect.stringContaining(
        '"citizens-notify-status-changed" is in docs/consumers.json but citizens no longer declares it',
      ),
    ]);
  });

  it('accepts the rename once the manifest lists the new durable and retires the old one with a note', () => {
    const renamed = eventConsumer(StatusChanged, 'citizens-status-notifier', { deliver: 'new' });
    const manifest: ConsumerManifest = {
      consumers: [manifestEntryOf('citizens', renamed), manifestEntryOf('citizens', receiver)],
      retired: [
        {
          service: 'citizens',
          durable: 'citizens-notify-status-changed',
          subject: StatusChanged.subject,
          note: 'Replaced by citizens-status-notifier (deliver new): status changes published during the deploy are not notified; delete the old durable after the deploy.',
        },
      ],
    };
    expect(consumerManifestProblems(manifest, 'citizens', [renamed, receiver])).toEqual([]);
  });

  it('refuses a retired note that says nothing, and a retired name used again', () => {
    const manifest: ConsumerManifest = {
      ...committed(),
      retired: [
        { service: 'citizens', durable: 'citizens-notify-case-opened', subject: '', note: 'gone' },
      ],
    };
    expect(consumerManifestProblems(manifest, 'citizens', [notifier, receiver])).toEqual([
      expect.stringContaining('"citizens-notify-case-opened" is retired in the manifest'),
      'retired "citizens-notify-case-opened": the note must say what happens to it',
    ]);
  });

  it("fails when the code changes a consumer's subject or deliver policy without the manifest", () => {
    const replaying = eventConsumer(StatusChanged, 'citizens-notify-status-changed', {
      deliver: 'all',
    });
    expect(consumerManifestProblems(committed(), 'citizens', [replaying, receiver])).toEqual([
      '"citizens-notify-status-changed": docs/consumers.json says deliver new, the code declares all',
    ]);
  });

  it('refuses a durable name that NATS would not take as written', () => {
    expect(() => eventConsumer(CaseOpened, 'Cases Opened', { deliver: 'all' })).toThrow(
      'consumer name "Cases Opened"',
    );
  });
});
