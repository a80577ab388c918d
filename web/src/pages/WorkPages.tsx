import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/client';
import {
  CASE_DETAIL,
  WORKLIST,
  type SlaState,
  type StaffCase,
  type WorklistCase,
} from '../api/operations';
import { DataList, useCursorList } from '../components/DataList';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Link } from '../router';
import { currentSession } from '../session';
import { CaseActions } from './CaseActions';
import { CaseSummary, formatTime } from './TrackPage';
import { TicketNumber, withWholeTickets } from '../components/TicketNumber';

function SlaBadge({ state }: { state: SlaState | undefined }) {
  const { t } = useTranslation();
  return (
    <span className={`sla sla-${state ?? 'none'}`}>
      {state ? t(`sla.${state}`) : t('sla.none')}
    </span>
  );
}

/** A caseworker's open cases, the soonest due first, each with its service-level state. */
export function WorklistPage() {
  const { t } = useTranslation();
  const signedIn = currentSession() !== null;
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">{t('worklist.title')}</h1>
      {!signedIn ? (
        <p>
          <Link href="/sign-in">{t('worklist.needSignIn')}</Link>
        </p>
      ) : (
        <>
          <p>{t('worklist.intro')}</p>
          <Worklist />
        </>
      )}
    </section>
  );
}

const loadWorklist = async (after: string | null) => {
  const { worklist } = await request(WORKLIST, { after });
  return { rows: worklist.nodes, next: worklist.hasNextPage ? worklist.endCursor : null };
};

function Worklist() {
  const { t, i18n } = useTranslation();
  const { rows, error, more, showMore } = useCursorList(loadWorklist);
  return (
    <DataList
      rows={rows}
      error={error}
      empty={t('worklist.empty')}
      testId="worklist"
      rowKey={(c) => c.ticketNumber}
      onMore={more ? showMore : undefined}
      columns={[
        {
          header: t('worklist.ticket'),
          cell: (c: WorklistCase) => (
            <Link href={`/work/${c.ticketNumber}`}>
              <TicketNumber value={c.ticketNumber} />
            </Link>
          ),
        },
        { header: t('worklist.service'), cell: (c) => c.service.name },
        { header: t('worklist.status'), cell: (c) => t(`status.${c.status}`) },
        {
          header: t('worklist.due'),
          cell: (c) => (c.dueAt ? formatTime(c.dueAt, i18n.language) : '—'),
        },
        { header: t('worklist.sla'), cell: (c) => <SlaBadge state={c.sla?.state} /> },
      ]}
    />
  );
}

/** One case for staff: its details and timeline, and what the signed-in role may do with it. */
export function CaseDetailPage({ ticket }: { ticket: string }) {
  const { t, i18n } = useTranslation();
  const session = currentSession();
  const [found, setFound] = useState<StaffCase | null>(null);
  const [problems, setProblems] = useState<SummaryItem[]>([]);

  const refresh = useCallback(() => {
    request(CASE_DETAIL, { ticketNumber: ticket }).then(
      ({ caseByTicket }) =>
        caseByTicket
          ? setFound(caseByTicket)
          : setProblems([{ text: t('track.notFound', { ticket }) }]),
      (e: unknown) => setProblems([{ text: errorText(e, t) }]),
    );
  }, [ticket, t]);
  useEffect(refresh, [refresh]);

  return (
    <section aria-labelledby="detail-title">
      <p>
        {session?.role === 'agent' ? (
          <Link href="/callers">{t('callers.back')}</Link>
        ) : (
          <Link href="/work">{t('caseDetail.back')}</Link>
        )}
      </p>
      <h1 id="detail-title">{withWholeTickets(t('caseDetail.title', { ticket }))}</h1>
      {found && (
        <>
          <p>
            <SlaBadge state={found.sla?.state} />
          </p>
          <CaseSummary found={found} language={i18n.language} />
          {session && <CaseActions found={found} session={session} onChanged={refresh} />}
        </>
      )}
      {!found && problems.length > 0 && <ErrorSummary items={problems} />}
    </section>
  );
}
