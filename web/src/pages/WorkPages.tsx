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
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Link } from '../router';
import { currentSession } from '../session';
import { CaseActions } from './CaseActions';
import { CaseSummary, formatTime } from './TrackPage';

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
  const { t, i18n } = useTranslation();
  const [cases, setCases] = useState<WorklistCase[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const signedIn = currentSession() !== null;

  const load = useCallback(
    (after: string | null) => {
      request(WORKLIST, { after })
        .then(({ worklist }) => {
          setCases((c) => (after ? [...c, ...worklist.nodes] : worklist.nodes));
          setCursor(worklist.endCursor);
          setMore(worklist.hasNextPage);
          setLoaded(true);
        })
        .catch((e: unknown) => setError(errorText(e, t)));
    },
    [t],
  );
  useEffect(() => {
    if (signedIn) {
      load(null);
    }
  }, [signedIn, load]);

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
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          {!loaded && !error && <p>{t('app.loading')}</p>}
          {loaded && cases.length === 0 && <p>{t('worklist.empty')}</p>}
          {cases.length > 0 && (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('worklist.ticket')}</th>
                    <th scope="col">{t('worklist.service')}</th>
                    <th scope="col">{t('worklist.status')}</th>
                    <th scope="col">{t('worklist.due')}</th>
                    <th scope="col">{t('worklist.sla')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c) => (
                    <tr key={c.ticketNumber}>
                      <td>
                        <Link href={`/work/${c.ticketNumber}`}>{c.ticketNumber}</Link>
                      </td>
                      <td>{c.service.name}</td>
                      <td>{t(`status.${c.status}`)}</td>
                      <td>{c.dueAt ? formatTime(c.dueAt, i18n.language) : '—'}</td>
                      <td>
                        <SlaBadge state={c.sla?.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {more && (
            <button type="button" onClick={() => load(cursor)}>
              {t('worklist.more')}
            </button>
          )}
        </>
      )}
    </section>
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
      <h1 id="detail-title">{t('caseDetail.title', { ticket })}</h1>
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
