import type {
  CaseOpenedV1,
  CaseRoutedV1,
  HistoryAcceptedV1,
  HistoryOpenedV1,
  HistoryRoutedV1,
  SubmissionAcceptedV1,
} from '@civitas/contracts';
import { PayloadBuilder } from './payload-builder.js';

type Built<T> = T | { build(): T };

const built = <T>(item: Built<T>): T =>
  typeof (item as { build?: unknown }).build === 'function'
    ? (item as { build(): T }).build()
    : (item as T);

/** `intake.evt.history-accepted.v1`: a batch of imported submissions (docs/adr/0022). */
export class HistoryAcceptedBuilder extends PayloadBuilder<HistoryAcceptedV1> {
  constructor() {
    super({ submissions: [] });
  }

  /** Records as built (`aSubmissionAccepted().imported(...)`) or their builders. */
  of(...submissions: Built<SubmissionAcceptedV1>[]): this {
    return this.with({ submissions: submissions.map(built) });
  }
}

/** `cases.evt.history-opened.v1`: a batch of imported cases opened. */
export class HistoryOpenedBuilder extends PayloadBuilder<HistoryOpenedV1> {
  constructor() {
    super({ cases: [] });
  }

  of(...cases: Built<CaseOpenedV1>[]): this {
    return this.with({ cases: cases.map(built) });
  }
}

/** `routing.evt.history-routed.v1`: a batch of imported cases routed. */
export class HistoryRoutedBuilder extends PayloadBuilder<HistoryRoutedV1> {
  constructor() {
    super({ routed: [] });
  }

  of(...routed: Built<CaseRoutedV1>[]): this {
    return this.with({ routed: routed.map(built) });
  }
}

export const aHistoryAccepted = (): HistoryAcceptedBuilder => new HistoryAcceptedBuilder();
export const aHistoryOpened = (): HistoryOpenedBuilder => new HistoryOpenedBuilder();
export const aHistoryRouted = (): HistoryRoutedBuilder => new HistoryRoutedBuilder();
