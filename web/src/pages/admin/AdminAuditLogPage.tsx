import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api/client';
import { AUDIT_LOG, type AuditEntry, type AuditFilter } from '../../api/operations';
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

/**
 * The audit log (issue 13, docs/adr/0088): every read, or refused read, of a resident's personal
 * data, newest first, filtered by resident, reader and date. The query pages by size only (no
 * cursor), so **Show more** asks for a longer list.
 */
export function AdminAuditLogPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame id="audit" title={t('admin.audit.title')}>
      {() => <AuditLog />}
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
