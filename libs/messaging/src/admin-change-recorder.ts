import { Inject, Injectable } from '@nestjs/common';
import {
  ADMIN_CHANGE_RECORDED,
  ADMIN_CHANGE_VALUE_MAX,
  type AdminChangeAction,
  type AdminChangeKind,
  type AdminFieldChange,
} from '@civitas/contracts';
import type { EntityManager } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { Transaction, UnitOfWork } from './unit-of-work.js';

export interface AdminChange {
  kind: AdminChangeKind;
  entityId: string;
  action: AdminChangeAction;
  changes: AdminFieldChange[];
}

/**
 * The one way a service records a configuration change made by an admin or supervisor
 * (docs/adr/0092): an `admin-change-recorded` event written to the outbox in the change's own
 * transaction, so the entry exists exactly when the change committed. Who made it is the
 * envelope's actor (the identity the request carries); citizens stores it append-only.
 */
@Injectable()
export class AdminChangeRecorder {
  constructor(
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    private readonly uow: UnitOfWork,
  ) {}

  /**
   * In `tx` (a Transaction, or the EntityManager of a transaction the caller opened). Nothing is
   * emitted when the change changed nothing (an update to the same values, a move to where it was).
   */
  async record(tx: Transaction | EntityManager, change: AdminChange): Promise<void> {
    if ((change.action === 'UPDATED' || change.action === 'MOVED') && change.changes.length === 0) {
      return;
    }
    const contract = ADMIN_CHANGE_RECORDED[this.options.service];
    if (!contract) {
      throw new Error(`${this.options.service} has no admin-change-recorded subject`);
    }
    const payload = { ...change, changedAt: new Date().toISOString() };
    if (tx instanceof Transaction) {
      await tx.emit(contract, payload);
      return;
    }
    const wrapped = this.uow.wrap(tx);
    await wrapped.emit(contract, payload);
    await wrapped.flush();
  }

  /** After the commit of a transaction the caller opened: the relay publishes now. */
  committed(): void {
    this.uow.afterCommit();
  }
}

export interface FieldDiffOptions {
  /** Only these fields are compared (all of both sides' own fields when omitted). */
  fields?: readonly string[];
  /** Fields recorded as changed without their values (personal data). Secrets: leave them out. */
  withhold?: readonly string[];
}

/**
 * The fields that differ between `before` (null: created) and `after` (null: deleted), each with
 * both values as JSON text cut at ADMIN_CHANGE_VALUE_MAX characters. Dates compare by instant.
 */
export function fieldChanges(
  before: object | null,
  after: object | null,
  options: FieldDiffOptions = {},
): AdminFieldChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = options.fields ?? [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: AdminFieldChange[] = [];
  for (const field of fields) {
    const was = asJson(b[field]);
    const is = asJson(a[field]);
    if (was === is) {
      continue;
    }
    if (options.withhold?.includes(field)) {
      changes.push({ field, before: null, after: null, withheld: true });
    } else {
      changes.push({ field, before: cut(was), after: cut(is) });
    }
  }
  return changes;
}

function asJson(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

function cut(json: string | null): string | null {
  if (json === null || json.length <= ADMIN_CHANGE_VALUE_MAX) {
    return json;
  }
  return `${json.slice(0, ADMIN_CHANGE_VALUE_MAX)}… (${json.length} characters)`;
}
