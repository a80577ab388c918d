import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { operation, request } from '../api/client';
import {
  FAILED_EMAIL_REPLIES,
  FAILED_NOTIFICATIONS,
  RETRY_EMAIL_REPLY,
  type EmailReply,
  type NotificationDelivery,
} from '../api/operations';
import { DataList, useCursorList, useGrowingList } from '../components/DataList';
import { errorText } from '../components/ErrorSummary';
import { Link } from '../router';
import { currentSession } from '../session';
import { DASHBOARD_ROLES } from './SupervisorAccess';
import { formatTime } from './TrackPage';
import { TicketNumber, withWholeTickets } from '../components/TicketNumber';

const PAGE = 25;
/** The most `failedNotifications(first:)` answers. */
const MOST_NOTIFICATIONS = 1000;

/**
 * The ticket numbers of cases by id, in one request (`case(id:)` once per id, by alias): a
 * notification names its case by id only. A case outside the reader's departments reads as null.
 */
async function ticketsOf(ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return {};
  }
  const variables = Object.fromEntries(unique.map((id, i) => [`c${i}`, id]));
  const document = `query CaseTickets(${unique.map((_, i) => `$c${i}: ID!`).join(', ')}) {
  ${unique.map((_, i) => `c${i}: case(id: $c${i}) { ticketNumber }`).join('\n  ')}
}`;
  const found = await request(
    operation<Record<string, { ticketNumber: string } | null>, Record<string, string>>(document),
    variables,
  );
  return Object.fromEntries(
    unique.flatMap((id, i) => {
      const ticket = found[`c${i}`]?.ticketNumber;
      return ticket ? [[id, ticket]] : [];
    }),
  );
}

/**
 * Notifications to residents and departments given up on after every retry, newest first. The
 * query pages by size only (no cursor), so "more" asks for a longer list.
 */
function FailedNotifications() {
  const { t, i18n } = useTranslation();
  const [tickets, setTickets] = useState<Record<string, string>>({});
  const load = useCallback(async (first: number) => {
    const { failedNotifications } = await request(FAILED_NOTIFICATIONS, { first });
    setTickets(await ticketsOf(failedNotifications.map((n) => n.caseId)));
    return failedNotifications;
  }, []);
  const { rows, error, more, showMore } = useGrowingList(load, PAGE, MOST_NOTIFICATIONS);

  return (
    <section aria-labelledby="failed-notifications-title" aria-busy={rows === null && !error}>
      <h2 id="failed-notifications-title">{t('failures.notificationsTitle')}</h2>
      <p className="hint">{t('failures.notificationsIntro')}</p>
      <DataList
        rows={rows}
        error={error}
        empty={t('failures.noNotifications')}
        testId="failed-notifications"
        rowKey={(n) => n.id}
        onMore={more ? showMore : undefined}
        columns={[
          {
            header: t('worklist.ticket'),
            cell: (n: NotificationDelivery) =>
              tickets[n.caseId] ? (
                <Link href={`/work/${tickets[n.caseId]}`}>
                  <TicketNumber value={tickets[n.caseId]} />
                </Link>
              ) : (
                <span className="hint">{t('failures.otherCase')}</span>
              ),
          },
          {
            header: t('failures.message'),
            cell: (n) =>
              `${t(`failures.templates.${n.template}`, { defaultValue: n.template })} (${t(`failures.channels.${n.channel}`, { defaultValue: n.channel })}, ${n.language})`,
          },
          {
            header: t('failures.to'),
            cell: (n) =>
              n.departmentCode
                ? t('failures.toDepartment', { code: n.departmentCode })
                : t('failures.toResident'),
          },
          { header: t('failures.attempts'), cell: (n) => n.attempts },
          { header: t('failures.lastError'), cell: (n) => n.lastError ?? '—' },
          { header: t('failures.failedAt'), cell: (n) => formatTime(n.updatedAt, i18n.language) },
        ]}
      />
    </section>
  );
}

/** Replies with a ticket number owed to people who e-mailed, given up on; each may be sent again. */
function FailedEmailReplies() {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(async (after: string | null) => {
    const { failedEmailReplies: page } = await request(FAILED_EMAIL_REPLIES, {
      first: PAGE,
      after,
    });
    return {
      rows: page.nodes,
      next: page.nodes.length === PAGE && page.endCursor !== null ? page.endCursor : null,
    };
  }, []);
  const list = useCursorList(load);

  const retry = (reply: EmailReply) => {
    setError(null);
    setDone(null);
    request(RETRY_EMAIL_REPLY, { id: reply.id }).then(
      ({ retryEmailReply: queued }) => {
        list.setRows((r) => (r ?? []).map((x) => (x.id === queued.id ? queued : x)));
        setDone(t('failures.retried', { ticket: queued.ticketNumber }));
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  };

  return (
    <section aria-labelledby="failed-replies-title" aria-busy={list.rows === null && !list.error}>
      <h2 id="failed-replies-title">{t('failures.repliesTitle')}</h2>
      <p className="hint">{t('failures.repliesIntro')}</p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {done && <p role="status">{withWholeTickets(done)}</p>}
      <DataList
        rows={list.rows}
        error={list.error}
        empty={t('failures.noReplies')}
        testId="failed-replies"
        rowKey={(r) => r.id}
        onMore={list.more ? list.showMore : undefined}
        columns={[
          {
            header: t('worklist.ticket'),
            cell: (r: EmailReply) => (
              <Link href={`/work/${r.ticketNumber}`}>
                <TicketNumber value={r.ticketNumber} />
              </Link>
            ),
          },
          {
            header: t('failures.status'),
            cell: (r) => t(`failures.statuses.${r.status}`, { defaultValue: r.status }),
          },
          { header: t('failures.attempts'), cell: (r) => r.attempts },
          { header: t('failures.lastError'), cell: (r) => r.lastError ?? '—' },
          {
            header: t('failures.failedAt'),
            cell: (r) => (r.failedAt ? formatTime(r.failedAt, i18n.language) : '—'),
          },
          {
            header: t('failures.retry'),
            cell: (r) =>
              r.status === 'FAILED' && r.retryableUntil ? (
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('failures.retryNamed', { ticket: r.ticketNumber })}
                  onClick={() => retry(r)}
                >
                  {t('failures.retry')}
                </button>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </section>
  );
}

/**
 * Messages the platform could not deliver (issue 13), for supervisors and admins: notifications
 * (citizens' `failedNotifications`) and replies to e-mailed reports (intake's `failedEmailReplies`).
 */
export function FailedMessagesPage() {
  const { t } = useTranslation();
  const session = currentSession();
  const allowed = session !== null && DASHBOARD_ROLES.includes(session.role);
  return (
    <section aria-labelledby="failures-title">
      <h1 id="failures-title">{t('failures.title')}</h1>
      {allowed ? (
        <>
          <p>{t('failures.intro')}</p>
          <FailedNotifications />
          <FailedEmailReplies />
        </>
      ) : (
        <p>
          <Link href="/sign-in">{t('supervisor.needSignIn')}</Link>
        </p>
      )}
    </section>
  );
}
