import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client';
import {
  ERASE_ME,
  ME,
  MY_REQUESTS,
  REQUEST_MY_DATA,
  RESEND_CONTACT_POINT_CODE,
  SET_MY_CONSENT,
  UPDATE_MY_PROFILE,
  VERIFY_MY_CONTACT_POINT,
  type ConsentChannel,
  type ConsentPurpose,
  type ContactPointKind,
  type ContactPointInput,
  type MyRequest,
  type ResidentProfile,
} from '../api/operations';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { useAction, wordingOf } from '../components/useAction';
import { LANGUAGES } from '../i18n';
import { Link } from '../router';
import { currentSession } from '../session';
import { formatTime } from './TrackPage';
import { TicketNumber } from '../components/TicketNumber';

/*
 * The signed-in resident's own pages (issue 13, docs/adr/0085): their requests, their profile and
 * consents, their data download and erasure, all through the resident's own operations
 * (`myRequests`, `me`, `updateMyProfile`, `setConsent`, `requestMyData`, `eraseMe`).
 */

const CHANNELS: ConsentChannel[] = ['EMAIL', 'SMS', 'PHONE', 'POST'];
const PURPOSES: ConsentPurpose[] = ['STATUS_UPDATES', 'SURVEYS', 'SERVICE_ANNOUNCEMENTS'];
const KINDS: ContactPointKind[] = ['EMAIL', 'PHONE', 'POSTAL'];
/**
 * A resident's wording of the API's refusals: the ones they can act on in the page's language
 * (`resident.codes.*`, instead of the whole sentence); `addContactPoints[0].value` is the "value"
 * of the form `inputIdFor` points at.
 */
const residentProblems = wordingOf({
  namespace: 'resident',
  explainedCodes: [
    'RESIDENT_NOT_LINKED',
    'UNAVAILABLE',
    'VERIFICATION_CODE_WRONG',
    'VERIFICATION_CODE_EXPIRED',
    'VERIFICATION_CODE_USED_UP',
    'TOO_MANY_CODES',
    'CONTACT_POINT_NOT_PENDING',
  ],
  fieldOf: (path) => {
    const last = path
      .split('.')
      .pop()!
      .replace(/\[\d+\]$/, '');
    return { key: last, input: last };
  },
  explained: 'sentence',
});

/** One action of the resident's pages, its errors in the resident's words. */
function useResidentAction(inputIdFor: (field: string) => string | undefined = () => undefined) {
  return useAction(inputIdFor, residentProblems);
}

/** The page's frame: its title, and a way to sign in when nobody is. */
function ResidentPage({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      {currentSession() ? (
        children
      ) : (
        <p>
          <Link href="/sign-in">{t('resident.needSignIn')}</Link>
        </p>
      )}
    </section>
  );
}

/** A failed first read: a sign-in not linked yet is explained, anything else said in words. */
function LoadProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'RESIDENT_NOT_LINKED') {
    return (
      <p className="notice" data-testid="not-linked">
        {t('resident.notLinked')}
      </p>
    );
  }
  return (
    <p role="alert" className="error-text">
      {residentProblems(error, () => undefined, t)[0].text}
    </p>
  );
}

/** Rows of My requests per page: a screenful, then "Show more". */
const REQUESTS_PAGE = 20;

/**
 * Everything the resident reported, by any channel, each linking to its tracking page: their own
 * `myRequests`, a page at a time (docs/adr/0096), "Show more" adding the next.
 */
export function MyRequestsPage() {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<MyRequest[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [linked, setLinked] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const signedIn = currentSession() !== null;

  const load = useCallback(async (after: string | null) => {
    const { myRequests } = await request(MY_REQUESTS, { first: REQUESTS_PAGE, after });
    setRows((before) => [...(after ? (before ?? []) : []), ...myRequests.nodes]);
    setNext(myRequests.hasNextPage ? myRequests.endCursor : null);
    setLinked(myRequests.signInLinked);
  }, []);

  useEffect(() => {
    if (signedIn) {
      load(null).catch(setError);
    }
  }, [signedIn, load]);

  const more = () => {
    setLoadingMore(true);
    setError(null);
    load(next)
      .catch(setError)
      .finally(() => setLoadingMore(false));
  };

  return (
    <ResidentPage id="my-requests-title" title={t('resident.requestsTitle')}>
      <p>{t('resident.requestsIntro')}</p>
      {error ? <LoadProblem error={error} /> : null}
      {!rows && !error && <p role="status">{t('app.loading')}</p>}
      {!linked && (
        <p className="notice" data-testid="not-linked">
          {t('resident.notLinked')}
        </p>
      )}
      {linked && rows?.length === 0 && <p>{t('resident.requestsEmpty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table data-testid="my-requests">
            <thead>
              <tr>
                <th scope="col">{t('resident.ticket')}</th>
                <th scope="col">{t('resident.service')}</th>
                <th scope="col">{t('resident.received')}</th>
                <th scope="col">{t('resident.status')}</th>
                <th scope="col">{t('resident.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ticketNumber}>
                  <th scope="row">
                    <Link href={`/track/${encodeURIComponent(r.ticketNumber)}`}>
                      <TicketNumber value={r.ticketNumber} />
                    </Link>
                  </th>
                  <td>{r.service.name}</td>
                  <td>{formatTime(r.receivedAt, i18n.language)}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>{formatTime(r.closedAt ?? r.changedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p>
          <button type="button" onClick={more} disabled={loadingMore} aria-busy={loadingMore}>
            {t('resident.moreRequests')}
          </button>
        </p>
      )}
    </ResidentPage>
  );
}

/** A status line for what an action did, read out when it changes. */
function Done({ text, testId }: { text: string | null; testId?: string }) {
  return (
    <p role="status" className={text ? 'notice' : undefined} data-testid={testId}>
      {text}
    </p>
  );
}

function personName(p: ResidentProfile): string {
  return p.organisationName ?? [p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** Their profile: who they are, the language and contact points messages use, their consents. */
export function MyProfilePage() {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<ResidentProfile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const signedIn = currentSession() !== null;

  const reload = useCallback(
    () =>
      request(ME, {}).then(({ me }) => {
        setProfile(me);
        return me;
      }),
    [],
  );
  useEffect(() => {
    if (signedIn) {
      reload().catch(setError);
    }
  }, [signedIn, reload]);

  return (
    <ResidentPage id="my-profile-title" title={t('resident.profileTitle')}>
      {error ? <LoadProblem error={error} /> : null}
      {!profile && !error && <p role="status">{t('app.loading')}</p>}
      {profile && (
        <>
          <h2>{t('resident.aboutYou')}</h2>
          <dl>
            <dt>{t('resident.name')}</dt>
            <dd>{personName(profile) || t('resident.none')}</dd>
            <dt>{t('resident.email')}</dt>
            <dd>{profile.email ?? t('resident.none')}</dd>
            <dt>{t('resident.phone')}</dt>
            <dd>{profile.phone ?? t('resident.none')}</dd>
          </dl>
          <LanguageForm profile={profile} onChange={setProfile} />
          <ContactPoints profile={profile} onChange={setProfile} />
          <Consents profile={profile} reload={reload} />
        </>
      )}
    </ResidentPage>
  );
}

type ProfileProps = { profile: ResidentProfile; onChange: (p: ResidentProfile) => void };

function LanguageForm({ profile, onChange }: ProfileProps) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState(profile.preferredLanguage ?? '');
  const action = useResidentAction((field) =>
    field === 'preferredLanguage' ? 'preferred-language' : undefined,
  );
  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { updateMyProfile } = await request(UPDATE_MY_PROFILE, {
        input: { preferredLanguage: language },
      });
      onChange(updateMyProfile);
      return t('resident.languageSaved');
    });
  };
  return (
    <form onSubmit={save} className="action" noValidate aria-labelledby="language-title">
      <h2 id="language-title">{t('resident.languageTitle')}</h2>
      <ErrorSummary items={action.problems} />
      <Field
        id="preferred-language"
        label={t('resident.language')}
        error={action.errorFor('preferred-language')}
      >
        {(props) => (
          <select {...props} value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('resident.languageNone')}</option>
            {/* A tag set elsewhere (e.g. es-MX by the contact centre) stays as it is until changed. */}
            {profile.preferredLanguage &&
              !LANGUAGES.some((l) => l.code === profile.preferredLanguage) && (
                <option value={profile.preferredLanguage}>{profile.preferredLanguage}</option>
              )}
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={action.busy}>
        {t('resident.saveLanguage')}
      </button>
      <Done text={action.done} />
    </form>
  );
}

function ContactPoints({ profile, onChange }: ProfileProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ContactPointKind>('EMAIL');
  const [value, setValue] = useState('');
  const add = useResidentAction((field) =>
    field === 'value' ? 'new-contact-value' : field === 'kind' ? 'new-contact-kind' : undefined,
  );
  const remove = useResidentAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = value.trim();
    if (!wanted) {
      add.setProblems([
        {
          inputId: 'new-contact-value',
          text: `${t('resident.fields.value')} ${t('errors.required')}`,
        },
      ]);
      return;
    }
    void add.run(async () => {
      const { updateMyProfile } = await request(UPDATE_MY_PROFILE, {
        input: { addContactPoints: [{ kind, value: wanted }] },
      });
      onChange(updateMyProfile);
      setValue('');
      return kind === 'POSTAL'
        ? t('resident.added', { value: wanted })
        : t('resident.addedPending', { value: wanted });
    });
  };
  const removePoint = (point: ContactPointInput) =>
    void remove.run(async () => {
      const { updateMyProfile } = await request(UPDATE_MY_PROFILE, {
        input: { removeContactPoints: [{ kind: point.kind, value: point.value }] },
      });
      onChange(updateMyProfile);
      return t('resident.removed', { value: point.value });
    });

  return (
    <section aria-labelledby="contact-title" className="action">
      <h2 id="contact-title">{t('resident.contactTitle')}</h2>
      <p>{t('resident.contactIntro')}</p>
      <ErrorSummary items={remove.problems} />
      {profile.contactPoints.length === 0 ? (
        <p>{t('resident.noContactPoints')}</p>
      ) : (
        <ul data-testid="contact-points">
          {profile.contactPoints.map((c) => (
            <li key={`${c.kind}:${c.value}`}>
              {t(`resident.kinds.${c.kind}`)}: {c.value}{' '}
              <button
                type="button"
                className="secondary"
                disabled={remove.busy}
                onClick={() => removePoint(c)}
              >
                {t('resident.remove', { value: c.value })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Done text={remove.done} />
      {profile.unverifiedContactPoints.length > 0 && (
        <>
          <h3>{t('resident.pendingTitle')}</h3>
          <p>{t('resident.pendingIntro')}</p>
          {profile.unverifiedContactPoints.map((c, index) => (
            <PendingContactPoint
              key={`${c.kind}:${c.value}`}
              index={index}
              point={c}
              onChange={onChange}
            />
          ))}
        </>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="add-contact-title">
        <h3 id="add-contact-title">{t('resident.addTitle')}</h3>
        <ErrorSummary items={add.problems} />
        <div className="row">
          <Field id="new-contact-kind" label={t('resident.kind')}>
            {(props) => (
              <select
                {...props}
                value={kind}
                onChange={(e) => setKind(e.target.value as ContactPointKind)}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`resident.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="new-contact-value"
            label={t('resident.value')}
            error={add.errorFor('new-contact-value')}
          >
            {(props) => (
              <input
                {...props}
                value={value}
                autoComplete={
                  kind === 'EMAIL' ? 'email' : kind === 'PHONE' ? 'tel' : 'street-address'
                }
                onChange={(e) => setValue(e.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" disabled={add.busy}>
          {t('resident.add')}
        </button>
        <Done text={add.done} testId="contact-added" />
      </form>
    </section>
  );
}

/** An e-mail or phone waiting for its code: enter it, or ask for a new one. */
function PendingContactPoint({
  index,
  point,
  onChange,
}: {
  index: number;
  point: ResidentProfile['unverifiedContactPoints'][number];
  onChange: (p: ResidentProfile) => void;
}) {
  const { t, i18n } = useTranslation();
  const inputId = `code-${index}`;
  const [code, setCode] = useState('');
  const action = useResidentAction(() => inputId);
  const input = { kind: point.kind, value: point.value };

  const verify = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      action.setProblems([
        { inputId, text: `${t('resident.fields.code')} ${t('errors.required')}` },
      ]);
      return;
    }
    void action.run(async () => {
      const { verifyMyContactPoint } = await request(VERIFY_MY_CONTACT_POINT, {
        input: { ...input, code: code.trim() },
      });
      onChange(verifyMyContactPoint);
      return t('resident.verified', { value: point.value });
    });
  };
  const resend = () =>
    void action.run(async () => {
      const { resendContactPointCode } = await request(RESEND_CONTACT_POINT_CODE, { input });
      onChange(resendContactPointCode);
      return t('resident.resent', { value: point.value });
    });

  return (
    <form onSubmit={verify} noValidate className="action" data-testid={`pending-${point.value}`}>
      <ErrorSummary items={action.problems} />
      <Field
        id={inputId}
        label={t('resident.codeFor', { value: point.value })}
        hint={
          point.codeExpiresAt
            ? t('resident.codeExpires', { time: formatTime(point.codeExpiresAt, i18n.language) })
            : t('resident.codeVoid')
        }
        error={action.errorFor(inputId)}
      >
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={action.busy}>
          {t('resident.confirm', { value: point.value })}
        </button>
        <button type="button" className="secondary" disabled={action.busy} onClick={resend}>
          {t('resident.resend', { value: point.value })}
        </button>
      </div>
      <Done text={action.done} />
    </form>
  );
}

/** Yes or no per purpose and channel; each change is saved at once (setConsent). */
function Consents({
  profile,
  reload,
}: {
  profile: ResidentProfile;
  reload: () => Promise<ResidentProfile>;
}) {
  const { t } = useTranslation();
  const action = useResidentAction();
  const answer = (purpose: ConsentPurpose, channel: ConsentChannel) =>
    profile.consents.find((c) => c.purpose === purpose && c.channel === channel);

  const change = (purpose: ConsentPurpose, channel: ConsentChannel, granted: boolean) =>
    void action.run(async () => {
      await request(SET_MY_CONSENT, { input: { purpose, channel, granted } });
      await reload();
      return t(granted ? 'resident.consentSaved_yes' : 'resident.consentSaved_no', {
        purpose: t(`resident.purposes.${purpose}`),
        channel: t(`resident.channels.${channel}`),
      });
    });

  return (
    <section aria-labelledby="consents-title" className="action">
      <h2 id="consents-title">{t('resident.consentsTitle')}</h2>
      <p>{t('resident.consentsIntro')}</p>
      <ErrorSummary items={action.problems} />
      {PURPOSES.map((purpose) => (
        <fieldset key={purpose}>
          <legend>{t(`resident.purposes.${purpose}`)}</legend>
          {CHANNELS.map((channel) => {
            const given = answer(purpose, channel);
            const id = `consent-${purpose}-${channel}`;
            const fromReporting = given?.granted && given.source === 'REPORTING';
            return (
              <div className="choice" key={channel}>
                <input
                  type="checkbox"
                  id={id}
                  checked={given?.granted ?? false}
                  aria-describedby={fromReporting ? `${id}-hint` : undefined}
                  onChange={(e) => change(purpose, channel, e.target.checked)}
                />
                <label htmlFor={id}>{t(`resident.channels.${channel}`)}</label>
                {fromReporting && (
                  <p className="hint" id={`${id}-hint`}>
                    {t('resident.fromReporting')}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
      <Done text={action.done} testId="consent-saved" />
    </section>
  );
}

/** The date in a file name, e.g. 2026-12-07. */
const today = () => new Date().toISOString().slice(0, 10);

/** Download everything held about them; erase it, after a confirmation. */
export function MyDataPage({ onErased }: { onErased: () => void }) {
  const { t } = useTranslation();
  const [erased, setErased] = useState(false);
  if (erased) {
    return (
      <section aria-labelledby="erased-title">
        <h1 id="erased-title">{t('resident.erasedTitle')}</h1>
        <p role="status" data-testid="erased">
          {t('resident.erasedText')}
        </p>
      </section>
    );
  }
  return (
    <ResidentPage id="my-data-title" title={t('resident.dataTitle')}>
      <DownloadMyData />
      <EraseMe
        onErased={() => {
          setErased(true);
          onErased();
        }}
      />
    </ResidentPage>
  );
}

function DownloadMyData() {
  const { t } = useTranslation();
  const [file, setFile] = useState<string | null>(null);
  const action = useResidentAction();
  const saveLink = useRef<HTMLAnchorElement>(null);

  // The file lives in this page only: let it go when the page goes or a new one is made.
  useEffect(() => () => void (file && URL.revokeObjectURL(file)), [file]);
  useEffect(() => {
    if (file) {
      saveLink.current?.focus();
    }
  }, [file]);

  const prepare = () =>
    void action.run(async () => {
      setFile(null);
      const { requestMyData } = await request(REQUEST_MY_DATA, {});
      const blob = new Blob([JSON.stringify(requestMyData, null, 2)], {
        type: 'application/json',
      });
      setFile(URL.createObjectURL(blob));
      return t('resident.ready');
    });

  return (
    <section aria-labelledby="download-title" className="action">
      <h2 id="download-title">{t('resident.downloadTitle')}</h2>
      <p>{t('resident.downloadIntro')}</p>
      <ErrorSummary items={action.problems} />
      <button type="button" onClick={prepare} disabled={action.busy}>
        {t('resident.download')}
      </button>
      <div role="status">
        {action.busy && (
          <p>
            <progress aria-label={t('resident.gatheringLabel')} />{' '}
            <span data-testid="gathering">{t('resident.gathering')}</span>
          </p>
        )}
        {action.done && <p>{action.done}</p>}
      </div>
      {file && (
        <p>
          <a
            ref={saveLink}
            className="button-link"
            href={file}
            download={`civitas-my-data-${today()}.json`}
          >
            {t('resident.save')}
          </a>
        </p>
      )}
    </section>
  );
}

function EraseMe({ onErased }: { onErased: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const action = useResidentAction();
  const confirmTitle = useRef<HTMLHeadingElement>(null);
  const start = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) {
      confirmTitle.current?.focus();
    }
  }, [confirming]);

  const erase = (event: FormEvent) => {
    event.preventDefault();
    if (!understood) {
      action.setProblems([{ inputId: 'erase-understand', text: t('resident.eraseNeedsTick') }]);
      return;
    }
    void action.run(async () => {
      await request(ERASE_ME, {});
      onErased();
      return '';
    });
  };
  const cancel = () => {
    setConfirming(false);
    setUnderstood(false);
    action.setProblems([]);
    // Back where they were, so the keyboard does not start over at the top.
    setTimeout(() => start.current?.focus());
  };

  return (
    <section aria-labelledby="erase-title" className="action">
      <h2 id="erase-title">{t('resident.eraseTitle')}</h2>
      <p>{t('resident.eraseIntro')}</p>
      {!confirming ? (
        <button type="button" className="danger" ref={start} onClick={() => setConfirming(true)}>
          {t('resident.eraseStart')}
        </button>
      ) : (
        <form onSubmit={erase} noValidate>
          <h3 id="erase-confirm-title" tabIndex={-1} ref={confirmTitle}>
            {t('resident.eraseConfirmTitle')}
          </h3>
          <ErrorSummary items={action.problems} />
          <div className={action.errorFor('erase-understand') ? 'choice field-error' : 'choice'}>
            <input
              type="checkbox"
              id="erase-understand"
              checked={understood}
              aria-invalid={action.errorFor('erase-understand') ? true : undefined}
              onChange={(e) => setUnderstood(e.target.checked)}
            />
            <label htmlFor="erase-understand">{t('resident.eraseUnderstand')}</label>
          </div>
          <div className="actions">
            <button type="submit" className="danger" disabled={action.busy}>
              {action.busy ? t('resident.erasing') : t('resident.eraseConfirm')}
            </button>
            <button type="button" className="secondary" onClick={cancel}>
              {t('resident.eraseCancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
