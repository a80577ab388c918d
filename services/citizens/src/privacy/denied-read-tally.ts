import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { describeError } from '@civitas/observability';
import { CitizensConfig } from '../config/citizens.config.js';
import { PiiAccessAuditRepository, type PiiAccessRecord } from './pii-access-audit.repository.js';

/** Refusals being counted for one caller (and, when signed in, one resident) in one window. */
interface OpenWindow {
  first: PiiAccessRecord;
  /** Refusals after the first, not yet written. */
  folded: number;
  fields: Set<string>;
  citizens: Set<string | null>;
  firstFoldedAt?: Date;
  lastAt?: Date;
  timer: NodeJS.Timeout;
}

/** Past this many open windows every refusal is written as it happens: memory stays bounded. */
const MAX_OPEN_WINDOWS = 10_000;

/**
 * Refused reads of personal data, written so that probing cannot flood the append-only audit log
 * (docs/adr/0045). The first refusal of a window is written at once, as before; the ones after it
 * in the same window are counted here and written as one entry when the window ends (or the
 * service stops), with how many they were, the first and last time and every field asked for.
 * Signed-in callers are windowed per resident (who probed whom stays visible); anonymous callers
 * all share one window, which names the resident only when there was one.
 */
@Injectable()
export class DeniedReadTally implements OnModuleDestroy {
  private readonly windows = new Map<string, OpenWindow>();
  private readonly windowMs: number;
  private readonly writes = new Set<Promise<void>>();
  private readonly logger = new Logger(DeniedReadTally.name);

  constructor(
    private readonly audit: PiiAccessAuditRepository,
    config: CitizensConfig,
  ) {
    this.windowMs = config.AUDIT_DENIED_WINDOW_SECONDS * 1000;
  }

  /** Resolves once the refusal is written (the first of a window) or counted (the rest). */
  record(record: PiiAccessRecord): Promise<void> {
    const key = record.actorSub
      ? `sub:${record.actorSub}|${[...record.actorRoles].sort().join(',')}|${record.citizenId}`
      : `anonymous|${[...record.actorRoles].sort().join(',')}`;
    const open = this.windows.get(key);
    if (open) {
      const now = new Date();
      open.folded += 1;
      open.firstFoldedAt ??= now;
      open.lastAt = now;
      record.fields.forEach((field) => open.fields.add(field));
      if (open.citizens.size < 2) {
        open.citizens.add(record.citizenId);
      }
      return Promise.resolve();
    }
    if (this.windows.size >= MAX_OPEN_WINDOWS) {
      return this.audit.append(record);
    }
    // Dated here, on the clock that dates the folded ones, so the first is never listed after them.
    const first = { ...record, at: record.at ?? new Date() };
    const window: OpenWindow = {
      first,
      folded: 0,
      fields: new Set(),
      citizens: new Set(),
      timer: setTimeout(() => this.close(key), this.windowMs),
    };
    window.timer.unref();
    this.windows.set(key, window);
    return this.audit.append(first);
  }

  /** Writes every window's folded refusals now (on shutdown, and for tests). */
  async flush(): Promise<void> {
    for (const key of [...this.windows.keys()]) {
      this.close(key);
    }
    await Promise.all([...this.writes]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private close(key: string): void {
    const window = this.windows.get(key);
    if (!window) {
      return;
    }
    clearTimeout(window.timer);
    this.windows.delete(key);
    if (window.folded === 0) {
      return;
    }
    const citizens = [...window.citizens];
    const written = this.audit
      .append({
        actorSub: window.first.actorSub,
        actorRoles: window.first.actorRoles,
        citizenId: citizens.length === 1 ? citizens[0] : null,
        fields: [...window.fields].sort(),
        purpose: null,
        outcome: 'DENIED',
        at: window.firstFoldedAt,
        lastAt: window.lastAt,
        occurrences: window.folded,
      })
      .catch((error: Error) =>
        // Said loudly: these refusals are in no audit entry.
        this.logger.error({
          msg: 'folded refusals could not be written to the audit log',
          occurrences: window.folded,
          actorSub: window.first.actorSub,
          error: describeError(error),
        }),
      )
      .finally(() => this.writes.delete(written));
    this.writes.add(written);
  }
}
