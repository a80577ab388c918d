import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client';
import { TRACK, type CaseStatus, type StaffCase, type TrackedCase } from '../api/operations';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { Link, navigate } from '../router';
import { TicketNumber, withWholeTickets } from '../components/TicketNumber';

type Found =
  | { kind: 'case'; found: TrackedCase }
  | { kind: 'private'; ticket: string; status: CaseStatus }
  | { kind: 'none'; ticket: string };

export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** Any ticket: its status, its public timeline, the parts of a split case, its duplicate parent. */
export function TrackPage({ ticket }: { ticket?: string }) {
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState(ticket ?? '');
  const [result, setResult] = useState<Found | null>(null);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setInput(ticket ?? '');
    setResult(null);
    if (!ticket) {
      return;
    }
    setLoading(true);
    setProblems([]);
    request(TRACK, { ticketNumber: ticket })
      .then(({ caseByTicket, ticketStatus }) =>
        setResult(
          caseByTicket
            ? { kind: 'case', found: caseByTicket }
            : ticketStatus
              ? { kind: 'private', ticket, status: ticketStatus.status }
              : { kind: 'none', ticket },
        ),
      )
      .catch((error: unknown) =>
        setProblems([
          error instanceof ApiError && error.fields.some((f) => f.field === 'ticketNumber')
            ? { inputId: 'ticket', text: error.message }
            : { text: errorText(error, t) },
        ]),
      )
      .finally(() => setLoading(false));
  }, [ticket, t]);

  const find = (event: FormEvent) => {
    event.preventDefault();
    const wanted = input.trim().toUpperCase();
    if (!wanted) {
      setProblems([{ inputId: 'ticket', text: `${t('track.ticket')} ${t('errors.required')}` }]);
      return;
    }
    navigate(`/track/${encodeURIComponent(wanted)}`);
  };

  return (
    <section aria-labelledby="track-title">
      <h1 id="track-title">{t('track.title')}</h1>
      <form onSubmit={find} className="inline-form" noValidate>
        <ErrorSummary items={problems} />
        <Field
          id="ticket"
          label={t('track.ticket')}
          hint={t('track.ticketHint')}
          error={problems.find((p) => p.inputId === 'ticket')?.text}
        >
          {(props) => (
            <input
              {...props}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit">{t('track.find')}</button>
      </form>
      {loading && <p>{t('app.loading')}</p>}
      <div aria-live="polite">
        {result?.kind === 'none' && (
          <p>{withWholeTickets(t('track.notFound', { ticket: result.ticket }))}</p>
        )}
        {result?.kind === 'private' && (
          <p>
            {t('track.privateStatus', {
              ticket: result.ticket,
              status: t(`status.${result.status}`),
            })}
          </p>
        )}
        {result?.kind === 'case' && <CaseSummary found={result.found} language={i18n.language} />}
      </div>
    </section>
  );
}

/** A case as the resident tracks it, or as staff read it (their timeline names who wrote each entry). */
export function CaseSummary({
  found,
  language,
}: {
  found: TrackedCase | StaffCase;
  language: string;
}) {
  const { t } = useTranslation();
  const where =
    found.location.address ??
    (found.location.latitude !== null
      ? `${found.location.latitude}, ${found.location.longitude}`
      : '');
  return (
    <article aria-labelledby="case-title" className="case">
      <h2 id="case-title">
        <TicketNumber value={found.ticketNumber} />: {found.service.name}
      </h2>
      <dl>
        <dt>{t('track.status')}</dt>
        <dd>
          <span className={`status status-${found.status}`} data-testid="case-status">
            {t(`status.${found.status}`)}
          </span>
        </dd>
        <dt>{t('track.received')}</dt>
        <dd>{formatTime(found.createdAt, language)}</dd>
        {found.closedAt && (
          <>
            <dt>{t('track.closed')}</dt>
            <dd>{formatTime(found.closedAt, language)}</dd>
          </>
        )}
        {where && (
          <>
            <dt>{t('track.where')}</dt>
            <dd>{where}</dd>
          </>
        )}
        {found.description && (
          <>
            <dt>{t('track.description')}</dt>
            <dd>{found.description}</dd>
          </>
        )}
      </dl>
      {found.duplicateOf && (
        <p className="notice">
          <Link href={`/track/${found.duplicateOf.ticketNumber}`}>
            {withWholeTickets(t('track.duplicateOf', { ticket: found.duplicateOf.ticketNumber }))}
          </Link>
        </p>
      )}
      {found.parent && (
        <p className="notice">
          <Link href={`/track/${found.parent.ticketNumber}`}>
            {withWholeTickets(t('track.partOf', { ticket: found.parent.ticketNumber }))}
          </Link>
        </p>
      )}
      {found.children.length > 0 && (
        <>
          <h3>{t('track.parts')}</h3>
          <ul>
            {found.children.map((child) => (
              <li key={child.ticketNumber}>
                <Link href={`/track/${child.ticketNumber}`}>
                  <TicketNumber value={child.ticketNumber} />
                </Link>
                : {t(`status.${child.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('track.timeline')}</h3>
      {found.timeline.length === 0 ? (
        <p>{t('track.noTimeline')}</p>
      ) : (
        <ol className="timeline">
          {found.timeline.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.at}>{formatTime(entry.at, language)}</time>{' '}
              {entry.visibility === 'INTERNAL' && (
                <span className="tag">{t('casework.internal')}</span>
              )}{' '}
              {entry.summary}
              {'author' in entry && entry.author && (
                <span className="hint"> ({t('casework.by', { author: entry.author })})</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
