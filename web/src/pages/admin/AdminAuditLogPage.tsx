import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api/client';
import {
  ADMIN_CHANGE_KINDS,
  ADMIN_CHANGE_LOG,
  AUDIT_LOG,
  type AdminChange,
  type AdminChangeFilter,
  type AdminFieldChange,
  type AuditEntry,
  type AuditFilter,
} from '../../api/operations';
import { DataList, useGrowingList, type Column } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { formatTime } from '../TrackPage';
import { AdminFrame, adminProblems, inputIdIn } from './AdminFrame';

const PAGE = 50;
/** The most `auditLog(first:)` answers. */
const MOST = 1000;

type View = 'reads' | 'changes';

/**
 * The audit log (issue 13, docs/adr/0088, 0092), in two views: every read, or refused read, of a
 * resident's personal data, filtered by resident, reader and date; and every change of settings
 * made by admins and supervisors in any service, filtered by what changed, who and date. Both
 * newest first; the queries page by size only (no cursor), so **Show more** asks for a longer list.
 */
export function AdminAuditLogPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('reads');
  return (
    <AdminFrame id="audit" title={t('admin.audit.title')}>
      {() => (
        <>
          <div className="row" role="group" aria-label={t('admin.audit.views')}>
            {(['reads', 'changes'] as const).map((v) => (
              <button
                key={v}
                type="button"
                className={view === v ? undefined : 'secondary'}
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {t(`admin.audit.view.${v}`)}
              </button>
            ))}
          </div>
          {view === 'reads' ? <AuditLog /> : <ChangeLog />}
        </>
      )}
    </AdminFrame>
  );
}

/** What the log views have in common: when and who. */
interface LogRow {
  id: string;
  at: string;
  actorSub: string | null;
  actorRoles: string[];
}

/** A log's filters as the API takes them: the view's own one, who and since. */
type LogFilter = Record<string, string>;

type FieldProps = Parameters<Parameters<typeof Field>[0]['children']>[0];

/**
 * One view of the log: its filters (the view's own, who, and since a day, where the admin is),
 * the API's refusal of a filter named in the summary and marked, and the list, newest first, with
 * when and who before the view's own columns.
 */
function LogView<R extends LogRow>({
  prefix,
  intro,
  listTitle,
  testId,
  own,
  load,
  columns,
}: {
  /** The ids of its inputs and headings: `<prefix>-actor`, `<prefix>-filter-title`. */
  prefix: string;
  intro: string;
  listTitle: string;
  testId: string;
  /** The view's own filter: the API's argument, its input and how it is entered. */
  own: {
    argument: string;
    inputId: string;
    hint?: string;
    input: (props: FieldProps, value: string, change: (value: string) => void) => ReactNode;
  };
  load: (filter: LogFilter, first: number) => Promise<R[]>;
  columns: Column<R>[];
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ own: '', actorSub: '', since: '' });
  const [filter, setFilter] = useState<LogFilter>({});
  const loadPage = useCallback((first: number) => load(filter, first), [load, filter]);
  const { rows, error, failure, more, showMore } = useGrowingList(loadPage, PAGE, MOST);
  const inputs = inputIdIn({
    [own.argument]: own.inputId,
    actorSub: `${prefix}-actor`,
    since: `${prefix}-since`,
  });
  // A filter the API refused is named in the summary and marked; anything else is said below.
  const refused = failure instanceof ApiError && failure.fields.length > 0;
  const problems = refused ? adminProblems(failure, inputs, t) : [];
  const errorFor = (id: string) => problems.find((p) => p.inputId === id)?.text;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      ...(form.own.trim() ? { [own.argument]: form.own.trim() } : {}),
      ...(form.actorSub.trim() ? { actorSub: form.actorSub.trim() } : {}),
      // From the start of that day where the admin is.
      ...(form.since ? { since: new Date(`${form.since}T00:00`).toISOString() } : {}),
    });
  };

  return (
    <>
      <p>{intro}</p>
      <form
        onSubmit={apply}
        noValidate
        className="filters"
        aria-labelledby={`${prefix}-filter-title`}
      >
        <h2 id={`${prefix}-filter-title`}>{t('admin.audit.filterTitle')}</h2>
        <ErrorSummary items={problems} />
        <div className="row">
          <Field
            id={own.inputId}
            label={t(`admin.fields.${own.inputId}`)}
            hint={own.hint}
            error={errorFor(own.inputId)}
          >
            {(p) => own.input(p, form.own, (value) => setForm({ ...form, own: value }))}
          </Field>
          <Field
            id={`${prefix}-actor`}
            label={t(`admin.fields.${prefix}-actor`)}
            error={errorFor(`${prefix}-actor`)}
          >
            {(p) => (
              <input
                {...p}
                value={form.actorSub}
                onChange={(e) => setForm({ ...form, actorSub: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={`${prefix}-since`}
            label={t(`admin.fields.${prefix}-since`)}
            error={errorFor(`${prefix}-since`)}
          >
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.since}
                onChange={(e) => setForm({ ...form, since: e.target.value })}
              />
            )}
          </Field>
        </div>
        <button type="submit">{t('admin.audit.apply')}</button>
      </form>
      <section aria-labelledby={`${prefix}-list-title`} aria-busy={rows === null && !error}>
        <h2 id={`${prefix}-list-title`}>{listTitle}</h2>
        {!refused && (
          <DataList
            rows={rows}
            error={error}
            empty={t('admin.audit.none')}
            testId={testId}
            rowKey={(r) => r.id}
            onMore={more ? showMore : undefined}
            columns={[
              { header: t('admin.audit.at'), cell: (r: R) => formatTime(r.at, i18n.language) },
              {
                header: t('admin.audit.actor'),
                cell: (r: R) =>
                  `${r.actorSub ?? t('admin.audit.anonymous')}${r.actorRoles.length ? ` (${r.actorRoles.join(', ')})` : ''}`,
              },
              ...columns,
            ]}
          />
        )}
      </section>
    </>
  );
}

const loadReads = async (filter: AuditFilter, first: number) =>
  (await request(AUDIT_LOG, { ...filter, first })).auditLog;

const loadChanges = async (filter: AdminChangeFilter, first: number) =>
  (await request(ADMIN_CHANGE_LOG, { ...filter, first })).adminChangeLog;

function AuditLog() {
  const { t } = useTranslation();
  return (
    <LogView<AuditEntry>
      prefix="audit"
      intro={t('admin.audit.intro')}
      listTitle={t('admin.audit.listTitle')}
      testId="audit-log"
      own={{
        argument: 'citizenId',
        inputId: 'audit-citizen',
        hint: t('admin.audit.citizenHint'),
        input: (p, value, change) => (
          <input {...p} value={value} onChange={(e) => change(e.target.value)} />
        ),
      }}
      load={loadReads}
      columns={[
        { header: t('admin.audit.citizen'), cell: (e) => e.citizenId ?? '—' },
        { header: t('admin.audit.fields'), cell: (e) => e.fields.join(', ') || '—' },
        { header: t('admin.audit.purpose'), cell: (e) => e.purpose ?? '—' },
        {
          header: t('admin.audit.outcome'),
          cell: (e) =>
            `${t(`admin.audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}${e.occurrences > 1 ? ` × ${e.occurrences}` : ''}`,
        },
      ]}
    />
  );
}

/** A field's change as said in the list: `field: before → after`, or that it is not kept. */
function describeChange(c: AdminFieldChange, t: (key: string) => string): string {
  if (c.withheld) {
    return `${c.field}: ${t('admin.changes.withheld')}`;
  }
  return `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`;
}

function ChangeLog() {
  const { t } = useTranslation();
  return (
    <LogView<AdminChange>
      prefix="changes"
      intro={t('admin.changes.intro')}
      listTitle={t('admin.changes.listTitle')}
      testId="admin-changes"
      own={{
        argument: 'kind',
        inputId: 'changes-kind',
        input: (p, value, change) => (
          <select {...p} value={value} onChange={(e) => change(e.target.value)}>
            <option value="">{t('admin.changes.anyKind')}</option>
            {ADMIN_CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.changes.kinds.${k}`)}
              </option>
            ))}
          </select>
        ),
      }}
      load={loadChanges}
      columns={[
        {
          header: t('admin.changes.what'),
          cell: (c) =>
            `${t(`admin.changes.kinds.${c.kind}`, { defaultValue: c.kind })} ${c.entityId}`,
        },
        {
          header: t('admin.changes.action'),
          cell: (c) => t(`admin.changes.actions.${c.action}`, { defaultValue: c.action }),
        },
        {
          header: t('admin.changes.changes'),
          cell: (c) =>
            c.changes.length === 0 ? (
              '—'
            ) : (
              <ul className="field-changes">
                {c.changes.map((f) => (
                  <li key={f.field}>{describeChange(f, t)}</li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
}
