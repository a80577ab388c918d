import { useCallback, useState, type FormEvent } from 'react';
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
import { DataList, useGrowingList } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { formatTime } from '../TrackPage';
import { AdminFrame, adminProblems, inputIdIn } from './AdminFrame';

const PAGE = 50;
/** The most `auditLog(first:)` answers. */
const MOST = 1000;

const FILTER_INPUTS = inputIdIn({
  citizenId: 'audit-citizen',
  actorSub: 'audit-actor',
  since: 'audit-since',
});

const CHANGE_FILTER_INPUTS = inputIdIn({
  kind: 'changes-kind',
  actorSub: 'changes-actor',
  since: 'changes-since',
});

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

function AuditLog() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ citizenId: '', actorSub: '', since: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const load = useCallback(
    async (first: number) => (await request(AUDIT_LOG, { ...filter, first })).auditLog,
    [filter],
  );
  const { rows, error, failure, more, showMore } = useGrowingList(load, PAGE, MOST);
  // A filter the API refused is named in the summary and marked; anything else is said below.
  const refused = failure instanceof ApiError && failure.fields.length > 0;
  const problems = refused ? adminProblems(failure, FILTER_INPUTS, t) : [];
  const errorFor = (id: string) => problems.find((p) => p.inputId === id)?.text;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      ...(form.citizenId.trim() ? { citizenId: form.citizenId.trim() } : {}),
      ...(form.actorSub.trim() ? { actorSub: form.actorSub.trim() } : {}),
      // From the start of that day where the admin is.
      ...(form.since ? { since: new Date(`${form.since}T00:00`).toISOString() } : {}),
    });
  };

  return (
    <>
      <p>{t('admin.audit.intro')}</p>
      <form onSubmit={apply} noValidate className="filters" aria-labelledby="audit-filter-title">
        <h2 id="audit-filter-title">{t('admin.audit.filterTitle')}</h2>
        <ErrorSummary items={problems} />
        <div className="row">
          <Field
            id="audit-actor"
            label={t('admin.fields.audit-actor')}
            error={errorFor('audit-actor')}
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
            id="audit-citizen"
            label={t('admin.fields.audit-citizen')}
            hint={t('admin.audit.citizenHint')}
            error={errorFor('audit-citizen')}
          >
            {(p) => (
              <input
                {...p}
                value={form.citizenId}
                onChange={(e) => setForm({ ...form, citizenId: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="audit-since"
            label={t('admin.fields.audit-since')}
            error={errorFor('audit-since')}
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
      <section aria-labelledby="audit-list-title" aria-busy={rows === null && !error}>
        <h2 id="audit-list-title">{t('admin.audit.listTitle')}</h2>
        {!refused && (
          <DataList
            rows={rows}
            error={error}
            empty={t('admin.audit.none')}
            testId="audit-log"
            rowKey={(e) => e.id}
            onMore={more ? showMore : undefined}
            columns={[
              {
                header: t('admin.audit.at'),
                cell: (e: AuditEntry) => formatTime(e.at, i18n.language),
              },
              {
                header: t('admin.audit.actor'),
                cell: (e) =>
                  `${e.actorSub ?? t('admin.audit.anonymous')}${e.actorRoles.length ? ` (${e.actorRoles.join(', ')})` : ''}`,
              },
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
        )}
      </section>
    </>
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
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ kind: '', actorSub: '', since: '' });
  const [filter, setFilter] = useState<AdminChangeFilter>({});
  const load = useCallback(
    async (first: number) => (await request(ADMIN_CHANGE_LOG, { ...filter, first })).adminChangeLog,
    [filter],
  );
  const { rows, error, failure, more, showMore } = useGrowingList(load, PAGE, MOST);
  const refused = failure instanceof ApiError && failure.fields.length > 0;
  const problems = refused ? adminProblems(failure, CHANGE_FILTER_INPUTS, t) : [];
  const errorFor = (id: string) => problems.find((p) => p.inputId === id)?.text;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      ...(form.kind ? { kind: form.kind } : {}),
      ...(form.actorSub.trim() ? { actorSub: form.actorSub.trim() } : {}),
      ...(form.since ? { since: new Date(`${form.since}T00:00`).toISOString() } : {}),
    });
  };

  return (
    <>
      <p>{t('admin.changes.intro')}</p>
      <form onSubmit={apply} noValidate className="filters" aria-labelledby="changes-filter-title">
        <h2 id="changes-filter-title">{t('admin.audit.filterTitle')}</h2>
        <ErrorSummary items={problems} />
        <div className="row">
          <Field
            id="changes-kind"
            label={t('admin.fields.changes-kind')}
            error={errorFor('changes-kind')}
          >
            {(p) => (
              <select
                {...p}
                value={form.kind}
                onChange={(e) => setForm({ ...form, kind: e.target.value })}
              >
                <option value="">{t('admin.changes.anyKind')}</option>
                {ADMIN_CHANGE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`admin.changes.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="changes-actor"
            label={t('admin.fields.changes-actor')}
            error={errorFor('changes-actor')}
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
            id="changes-since"
            label={t('admin.fields.changes-since')}
            error={errorFor('changes-since')}
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
      <section aria-labelledby="changes-list-title" aria-busy={rows === null && !error}>
        <h2 id="changes-list-title">{t('admin.changes.listTitle')}</h2>
        {!refused && (
          <DataList
            rows={rows}
            error={error}
            empty={t('admin.audit.none')}
            testId="admin-changes"
            rowKey={(c) => c.id}
            onMore={more ? showMore : undefined}
            columns={[
              {
                header: t('admin.audit.at'),
                cell: (c: AdminChange) => formatTime(c.at, i18n.language),
              },
              {
                header: t('admin.audit.actor'),
                cell: (c) =>
                  `${c.actorSub ?? t('admin.audit.anonymous')}${c.actorRoles.length ? ` (${c.actorRoles.join(', ')})` : ''}`,
              },
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
        )}
      </section>
    </>
  );
}
