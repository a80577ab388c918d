import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/client';
import {
  CITIZEN_360,
  SEARCH_CITIZENS,
  type CitizenFound,
  type CitizenView,
} from '../api/operations';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { problemsFrom } from '../components/useAction';
import { Link } from '../router';
import { currentSession } from '../session';
import { ReportPage, type Caller } from './ReportPage';
import { formatTime } from './TrackPage';
import { TicketNumber } from '../components/TicketNumber';

/** Kept in the citizens service's audit log with every personal field these pages read. */
const SEARCH_PURPOSE = 'contact centre: finding the caller';
const VIEW_PURPOSE = 'contact centre: call with the resident';
/** The last search, so "back to the search" finds the list again (this tab only). */
const LAST_QUERY = 'civitas.callers.query';

function nameOf(c: CitizenFound, t: (key: string) => string): string {
  const person = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return c.organisationName ?? (person || t('callers.unnamed'));
}

function NeedsStaff() {
  const { t } = useTranslation();
  return (
    <p>
      <Link href="/sign-in">{t('callers.needSignIn')}</Link>
    </p>
  );
}

/** The agent finds the caller: by name (typos tolerated), e-mail, phone or address. */
export function FindCallerPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState(() => sessionStorage.getItem(LAST_QUERY) ?? '');
  const [found, setFound] = useState<{ query: string; people: CitizenFound[] } | null>(null);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);

  const search = async (wanted: string) => {
    setProblems([]);
    if (!wanted.trim()) {
      setProblems([
        { inputId: 'caller-query', text: `${t('callers.query')} ${t('errors.required')}` },
      ]);
      return;
    }
    setBusy(true);
    try {
      const { searchCitizens } = await request(SEARCH_CITIZENS, {
        query: wanted.trim(),
        purpose: SEARCH_PURPOSE,
      });
      sessionStorage.setItem(LAST_QUERY, wanted.trim());
      setFound({ query: wanted.trim(), people: searchCitizens });
    } catch (error) {
      setProblems(problemsFrom(error, (f) => (f === 'query' ? 'caller-query' : undefined), t));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    const last = sessionStorage.getItem(LAST_QUERY);
    if (last && currentSession()) {
      void search(last);
    }
    // Only when the page opens: repeat the last search of this tab.
  }, []);

  if (!currentSession()) {
    return (
      <section aria-labelledby="callers-title">
        <h1 id="callers-title">{t('callers.title')}</h1>
        <NeedsStaff />
      </section>
    );
  }
  return (
    <section aria-labelledby="callers-title">
      <h1 id="callers-title">{t('callers.title')}</h1>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void search(query);
        }}
      >
        <ErrorSummary items={problems} />
        <Field
          id="caller-query"
          label={t('callers.query')}
          hint={t('callers.queryHint')}
          error={problems.find((p) => p.inputId === 'caller-query')?.text}
        >
          {(p) => (
            <input
              {...p}
              type="search"
              autoComplete="off"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t('callers.find')}
        </button>
      </form>
      {busy && <p>{t('app.loading')}</p>}
      <div aria-live="polite">
        {found && found.people.length === 0 && <p>{t('callers.none', { query: found.query })}</p>}
        {found && found.people.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption>{t('callers.results', { query: found.query })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('callers.name')}</th>
                  <th scope="col">{t('callers.email')}</th>
                  <th scope="col">{t('callers.phone')}</th>
                </tr>
              </thead>
              <tbody>
                {found.people.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/callers/${c.id}`}>{nameOf(c, t)}</Link>
                    </td>
                    <td>{c.email ?? '—'}</td>
                    <td>{c.phone ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <p>
        <Link href="/callers/new/report">{t('callers.newCaller')}</Link>
      </p>
    </section>
  );
}

async function loadCitizen(id: string): Promise<CitizenView> {
  const { citizen } = await request(CITIZEN_360, { id, purpose: VIEW_PURPOSE });
  if (!citizen) {
    throw new Error(id);
  }
  return citizen;
}

/** The 360 view of a resident: who they are, how to reach them, their cases in every department. */
export function CitizenPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [citizen, setCitizen] = useState<CitizenView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setCitizen(null);
    loadCitizen(id).then(setCitizen, (e: unknown) => setError(errorText(e, t)));
  }, [id, t]);

  return (
    <section aria-labelledby="citizen-title">
      <p>
        <Link href="/callers">{t('callers.back')}</Link>
      </p>
      <h1 id="citizen-title">{citizen ? nameOf(citizen, t) : t('callers.citizen')}</h1>
      {!currentSession() && <NeedsStaff />}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {!citizen && !error && <p>{t('app.loading')}</p>}
      {citizen && (
        <>
          {citizen.mergedIntoId && (
            <p className="notice">
              <Link href={`/callers/${citizen.mergedIntoId}`}>{t('callers.merged')}</Link>
            </p>
          )}
          <p>
            <Link href={`/callers/${citizen.id}/report`} className="button-link">
              {t('callers.enterRequest', { name: nameOf(citizen, t) })}
            </Link>
          </p>
          <h2>{t('callers.contact')}</h2>
          <dl>
            <dt>{t('callers.email')}</dt>
            <dd>{citizen.email ?? '—'}</dd>
            <dt>{t('callers.phone')}</dt>
            <dd>{citizen.phone ?? '—'}</dd>
            <dt>{t('callers.language')}</dt>
            <dd>{citizen.preferredLanguage ?? '—'}</dd>
          </dl>
          {(citizen.contactPoints?.length ?? 0) > 0 && (
            <>
              <h3>{t('callers.contactPoints')}</h3>
              <ul>
                {citizen.contactPoints!.map((p) => (
                  <li key={`${p.kind}-${p.value}`}>
                    {t(`callers.kinds.${p.kind}`)}: {p.value}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{t('callers.cases')}</h2>
          {(citizen.cases ?? []).length === 0 ? (
            <p>{t('callers.noCases')}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('worklist.ticket')}</th>
                    <th scope="col">{t('worklist.service')}</th>
                    <th scope="col">{t('callers.department')}</th>
                    <th scope="col">{t('worklist.status')}</th>
                    <th scope="col">{t('callers.channel')}</th>
                    <th scope="col">{t('track.received')}</th>
                  </tr>
                </thead>
                <tbody>
                  {citizen.cases!.map((c) => (
                    <tr key={c.ticketNumber}>
                      <td>
                        <Link href={`/work/${c.ticketNumber}`}>
                          <TicketNumber value={c.ticketNumber} />
                        </Link>
                      </td>
                      <td>{c.service.name}</td>
                      <td>{c.department?.name ?? '—'}</td>
                      <td>{t(`status.${c.status}`)}</td>
                      <td>{t(`channels.${c.channel}`)}</td>
                      <td>{formatTime(c.createdAt, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A request entered for the caller (found, or `new`: not known yet), with their details filled in. */
export function CallerReportPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [caller, setCaller] = useState<Caller | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (id === 'new') {
      setCaller({});
      return;
    }
    loadCitizen(id).then(
      (c) =>
        setCaller({
          citizenId: c.id,
          name: nameOf(c, t),
          firstName: c.firstName ?? undefined,
          lastName: c.lastName ?? undefined,
          email: c.email ?? undefined,
          phone: c.phone ?? undefined,
          preferredLanguage: c.preferredLanguage ?? undefined,
        }),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [id, t]);
  if (error) {
    return (
      <p role="alert" className="error-text">
        {error}
      </p>
    );
  }
  return caller ? <ReportPage caller={caller} /> : <p>{t('app.loading')}</p>;
}
