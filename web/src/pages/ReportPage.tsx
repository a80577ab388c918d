import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request, type ResultOf } from '../api/client';
import {
  CATALOG,
  SUBMIT,
  type StaffEntryChannel,
  type CatalogService,
  type ServiceQuestion,
  type SubmitServiceRequestInput,
} from '../api/operations';
import {
  ErrorSummary,
  errorText,
  fieldProblemText,
  type SummaryItem,
} from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { PlainMap } from '../components/PlainMap';
import { LANGUAGES } from '../i18n';
import { Link } from '../router';

type Catalog = ResultOf<typeof CATALOG>;

interface Receipt {
  ticketNumber: string;
  serviceNotice: string | null;
  emergency: boolean;
}

/** The input an API field name points at (`location`, `reporter.email`, `attributes.depth`). */
function inputIdFor(field: string): string {
  const f = field.replace(/^input\./, '');
  if (f.startsWith('attributes.')) {
    return `q-${f.slice('attributes.'.length)}`;
  }
  if (f === 'serviceCode') {
    return 'service-search';
  }
  if (f.startsWith('location')) {
    return f.endsWith('longitude') ? 'longitude' : f.endsWith('address') ? 'address' : 'latitude';
  }
  return f.replace(/^reporter\./, '');
}

/** Staff entering a request on a caller's behalf: who the caller is, as far as known. */
export interface Caller {
  citizenId?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  preferredLanguage?: string;
}

const STAFF_CHANNELS: StaffEntryChannel[] = ['PHONE', 'WALK_IN', 'LETTER'];

function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function matches(service: CatalogService, text: string): boolean {
  const needle = text.trim().toLowerCase();
  return (
    !needle ||
    [service.name, service.description, service.group, ...service.keywords].some((s) =>
      s.toLowerCase().includes(needle),
    )
  );
}

/**
 * Report a problem: a resident on the web, or (with `caller`) staff entering a call, visit or
 * letter on the caller's behalf, their contact details filled in.
 */
export function ReportPage({ caller }: { caller?: Caller } = {}) {
  const { t, i18n } = useTranslation();
  const onBehalf = caller !== undefined;
  const [channel, setChannel] = useState<StaffEntryChannel>('PHONE');
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [serviceCode, setServiceCode] = useState('');
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [values, setValues] = useState<Record<string, string>>(() => callerValues(caller));
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const ticketHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    request(CATALOG, {}).then(setCatalog, (error: unknown) => setLoadError(errorText(error, t)));
  }, [t]);
  useEffect(() => {
    if (receipt) {
      ticketHeading.current?.focus();
    }
  }, [receipt]);

  const service = catalog?.services.find((s) => s.code === serviceCode);
  const groups = useMemo(() => {
    const byGroup = new Map<string, CatalogService[]>();
    for (const s of catalog?.services ?? []) {
      if (matches(s, search)) {
        byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
      }
    }
    return [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [catalog, search]);
  const questions = (service?.attributes ?? [])
    .filter((q) => q.variable)
    .sort((a, b) => a.order - b.order);

  const errorFor = (inputId: string) => problems.find((p) => p.inputId === inputId)?.text;
  const set = (key: string) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  const lat = values.latitude ? Number(values.latitude) : NaN;
  const lon = values.longitude ? Number(values.longitude) : NaN;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!serviceCode) {
      setProblems([
        { inputId: 'service-search', text: `${t('report.serviceLegend')} ${t('errors.required')}` },
      ]);
      return;
    }
    const text = (key: string) => values[key]?.trim() || undefined;
    const reporter = {
      firstName: text('firstName'),
      lastName: text('lastName'),
      email: text('email'),
      phone: text('phone'),
    };
    const input: SubmitServiceRequestInput = {
      serviceCode,
      description: text('description'),
      location: {
        latitude: text('latitude') === undefined ? undefined : Number(values.latitude),
        longitude: text('longitude') === undefined ? undefined : Number(values.longitude),
        address: text('address'),
      },
      reporter: Object.values(reporter).some(Boolean)
        ? { ...reporter, preferredLanguage: values.preferredLanguage || i18n.language }
        : undefined,
      attributes: Object.entries(answers)
        .filter(([, v]) => v.some((x) => x !== ''))
        .map(([code, v]) => ({ code, values: v.filter((x) => x !== '') })),
      mediaUrl: text('mediaUrl'),
      idempotencyKey: idempotencyKey.current,
      channel: onBehalf ? channel : undefined,
    };
    setSending(true);
    setProblems([]);
    try {
      const answer = await request(SUBMIT, { input });
      setReceipt(answer.submitServiceRequest);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) {
        setProblems(
          error.fields.map((f) => ({
            inputId: inputIdFor(f.field),
            text: fieldProblemText(f.field, f.reason, t),
          })),
        );
      } else {
        setProblems([{ text: errorText(error, t) }]);
      }
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <section aria-labelledby="receipt-title">
        {receipt.emergency && (
          <div className="emergency" role="alert" data-testid="emergency-notice">
            {onBehalf && <p className="read-aloud">{t('agentReport.readAloud')}</p>}
            <h2>{t('report.emergencyTitle')}</h2>
            {receipt.serviceNotice && <p>{receipt.serviceNotice}</p>}
          </div>
        )}
        <h1 id="receipt-title" tabIndex={-1} ref={ticketHeading}>
          {onBehalf ? t('agentReport.receivedTitle') : t('report.receivedTitle')}
        </h1>
        <p>
          {onBehalf ? t('agentReport.ticket') : t('report.ticket')}:{' '}
          <strong className="ticket" data-testid="ticket-number">
            {receipt.ticketNumber}
          </strong>
        </p>
        <p className="hint">{onBehalf ? t('agentReport.ticketHint') : t('report.ticketHint')}</p>
        {!receipt.emergency && receipt.serviceNotice && (
          <p className="notice">{receipt.serviceNotice}</p>
        )}
        <p className="actions">
          {onBehalf ? (
            <Link href={`/work/${encodeURIComponent(receipt.ticketNumber)}`}>
              {t('agentReport.openCase')}
            </Link>
          ) : (
            <Link href={`/track/${encodeURIComponent(receipt.ticketNumber)}`}>
              {t('report.trackIt')}
            </Link>
          )}
          <a
            href="/report"
            onClick={(event) => {
              event.preventDefault();
              idempotencyKey.current = newIdempotencyKey();
              setReceipt(null);
              setValues(callerValues(caller));
              setAnswers({});
              setServiceCode('');
            }}
          >
            {t('report.another')}
          </a>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">
        {!onBehalf
          ? t('report.title')
          : caller.name
            ? t('agentReport.title', { name: caller.name })
            : t('agentReport.titleNew')}
      </h1>
      {loadError && (
        <p role="alert" className="error-text">
          {loadError}
        </p>
      )}
      {!catalog && !loadError && <p>{t('app.loading')}</p>}
      {catalog && (
        <form onSubmit={submit} noValidate>
          <ErrorSummary items={problems} />
          {onBehalf && (
            <fieldset>
              <legend>{t('agentReport.channelLegend')}</legend>
              {STAFF_CHANNELS.map((c) => (
                <div className="choice" key={c}>
                  <input
                    type="radio"
                    name="channel"
                    id={`channel-${c}`}
                    checked={channel === c}
                    onChange={() => setChannel(c)}
                  />
                  <label htmlFor={`channel-${c}`}>{t(`channels.${c}`)}</label>
                </div>
              ))}
            </fieldset>
          )}
          <fieldset>
            <legend>{t('report.serviceLegend')}</legend>
            <Field
              id="service-search"
              label={t('report.search')}
              hint={t('report.searchHint')}
              error={errorFor('service-search')}
            >
              {(props) => (
                <input
                  {...props}
                  type="search"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
              )}
            </Field>
            {groups.length === 0 && <p>{t('report.noMatch', { text: search })}</p>}
            {groups.map(([group, services]) => (
              <fieldset key={group} className="service-group">
                <legend>{group}</legend>
                {services.map((s) => (
                  <div className="choice" key={s.code}>
                    <input
                      type="radio"
                      name="service"
                      id={`service-${s.code}`}
                      value={s.code}
                      checked={serviceCode === s.code}
                      onChange={() => {
                        setServiceCode(s.code);
                        setAnswers({});
                      }}
                      aria-describedby={`service-${s.code}-description`}
                    />
                    <label htmlFor={`service-${s.code}`}>{s.name}</label>
                    <span className="hint" id={`service-${s.code}-description`}>
                      {s.description}
                    </span>
                  </div>
                ))}
              </fieldset>
            ))}
          </fieldset>

          {questions.length > 0 && (
            <fieldset>
              <legend>{t('report.questions')}</legend>
              {questions.map((q) => (
                <Question
                  key={q.code}
                  question={q}
                  value={answers[q.code] ?? []}
                  error={errorFor(`q-${q.code}`)}
                  onChange={(v) => setAnswers((a) => ({ ...a, [q.code]: v }))}
                />
              ))}
            </fieldset>
          )}

          <Field
            id="description"
            label={t('report.description')}
            hint={t('report.descriptionHint')}
            error={errorFor('description')}
          >
            {(props) => (
              <textarea
                {...props}
                rows={4}
                value={values.description ?? ''}
                onChange={set('description')}
              />
            )}
          </Field>

          <fieldset>
            <legend>{t('report.locationLegend')}</legend>
            <p className="hint">{t('report.locationHint')}</p>
            <Field id="address" label={t('report.address')} error={errorFor('address')}>
              {(props) => (
                <input
                  {...props}
                  autoComplete="street-address"
                  value={values.address ?? ''}
                  onChange={set('address')}
                />
              )}
            </Field>
            <div className="row">
              <Field id="latitude" label={t('report.latitude')} error={errorFor('latitude')}>
                {(props) => (
                  <input
                    {...props}
                    inputMode="decimal"
                    value={values.latitude ?? ''}
                    onChange={set('latitude')}
                  />
                )}
              </Field>
              <Field id="longitude" label={t('report.longitude')} error={errorFor('longitude')}>
                {(props) => (
                  <input
                    {...props}
                    inputMode="decimal"
                    value={values.longitude ?? ''}
                    onChange={set('longitude')}
                  />
                )}
              </Field>
            </div>
            <PlainMap
              districts={catalog.districts}
              point={Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null}
              onPick={(pickedLat, pickedLon) =>
                setValues((v) => ({
                  ...v,
                  latitude: String(pickedLat),
                  longitude: String(pickedLon),
                }))
              }
            />
          </fieldset>

          <Field
            id="mediaUrl"
            label={
              <>
                {t('report.mediaUrl')} {t('report.optionalMark')}
              </>
            }
            error={errorFor('mediaUrl')}
          >
            {(props) => (
              <input
                {...props}
                type="url"
                value={values.mediaUrl ?? ''}
                onChange={set('mediaUrl')}
              />
            )}
          </Field>

          <fieldset>
            <legend>{onBehalf ? t('agentReport.contactLegend') : t('report.contactLegend')}</legend>
            <p className="hint">
              {onBehalf ? t('agentReport.contactHint') : t('report.contactHint')}
            </p>
            <div className="row">
              <Field id="firstName" label={t('report.firstName')} error={errorFor('firstName')}>
                {(props) => (
                  <input
                    {...props}
                    autoComplete="given-name"
                    value={values.firstName ?? ''}
                    onChange={set('firstName')}
                  />
                )}
              </Field>
              <Field id="lastName" label={t('report.lastName')} error={errorFor('lastName')}>
                {(props) => (
                  <input
                    {...props}
                    autoComplete="family-name"
                    value={values.lastName ?? ''}
                    onChange={set('lastName')}
                  />
                )}
              </Field>
            </div>
            <div className="row">
              <Field id="email" label={t('report.email')} error={errorFor('email')}>
                {(props) => (
                  <input
                    {...props}
                    type="email"
                    autoComplete="email"
                    value={values.email ?? ''}
                    onChange={set('email')}
                  />
                )}
              </Field>
              <Field id="phone" label={t('report.phone')} error={errorFor('phone')}>
                {(props) => (
                  <input
                    {...props}
                    type="tel"
                    autoComplete="tel"
                    value={values.phone ?? ''}
                    onChange={set('phone')}
                  />
                )}
              </Field>
            </div>
            <Field
              id="preferredLanguage"
              label={t('report.preferredLanguage')}
              error={errorFor('preferredLanguage')}
            >
              {(props) => (
                <select
                  {...props}
                  value={values.preferredLanguage || i18n.language}
                  onChange={set('preferredLanguage')}
                >
                  {LANGUAGES.map((l) => (
                    <option key={l.code} value={l.code} lang={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </fieldset>

          <button type="submit" disabled={sending}>
            {sending ? t('report.sending') : t('report.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

function Question({
  question,
  value,
  error,
  onChange,
}: {
  question: ServiceQuestion;
  value: string[];
  error?: string;
  onChange: (value: string[]) => void;
}) {
  const { t } = useTranslation();
  const id = `q-${question.code}`;
  const label = (
    <>
      {question.description} {!question.required && t('report.optionalMark')}
    </>
  );
  if (question.datatype === 'multivaluelist') {
    return (
      <fieldset
        className={error ? 'field field-error' : 'field'}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend>{label}</legend>
        {error && (
          <p className="error-text" id={`${id}-error`}>
            {error}
          </p>
        )}
        {question.values.map((option, index) => (
          <div className="choice" key={option.key}>
            <input
              type="checkbox"
              id={index === 0 ? id : `${id}-${option.key}`}
              checked={value.includes(option.key)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value, option.key]
                    : value.filter((k) => k !== option.key),
                )
              }
            />
            <label htmlFor={index === 0 ? id : `${id}-${option.key}`}>{option.name}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  return (
    <Field id={id} label={label} hint={question.datatypeDescription ?? undefined} error={error}>
      {(props) =>
        question.datatype === 'singlevaluelist' ? (
          <select
            {...props}
            required={question.required}
            value={value[0] ?? ''}
            onChange={(e) => onChange([e.target.value])}
          >
            <option value="">{t('report.chooseOne')}</option>
            {question.values.map((option) => (
              <option key={option.key} value={option.key}>
                {option.name}
              </option>
            ))}
          </select>
        ) : question.datatype === 'text' ? (
          <textarea
            {...props}
            required={question.required}
            rows={3}
            value={value[0] ?? ''}
            onChange={(e) => onChange([e.target.value])}
          />
        ) : (
          <input
            {...props}
            required={question.required}
            type={
              question.datatype === 'number'
                ? 'number'
                : question.datatype === 'datetime'
                  ? 'datetime-local'
                  : 'text'
            }
            value={value[0] ?? ''}
            onChange={(e) => onChange([e.target.value])}
          />
        )
      }
    </Field>
  );
}

/** The caller's details as the form's starting values. */
function callerValues(caller: Caller | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ['firstName', 'lastName', 'email', 'phone', 'preferredLanguage'] as const) {
    const value = caller?.[key];
    if (value) {
      values[key] = value;
    }
  }
  return values;
}
