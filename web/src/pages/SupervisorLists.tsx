import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { request } from '../api/client';
import { OVERDUE_CASES, WORKLOAD, type OverdueCase, type StaffWorkload } from '../api/operations';
import { DataList, useCursorList } from '../components/DataList';
import { errorText } from '../components/ErrorSummary';
import { Link } from '../router';
import { formatTime } from './TrackPage';
import { TicketNumber } from '../components/TicketNumber';

const PAGE = 25;

/** Minutes past due in words: "3 d 4 h", "45 min". */
function overdueBy(minutes: number, t: TFunction): string {
  const late = Math.max(0, -minutes);
  const days = Math.floor(late / 1440);
  const hours = Math.floor((late % 1440) / 60);
  if (days > 0) {
    return t('supervisor.daysHours', { days, hours });
  }
  return hours > 0
    ? t('supervisor.hoursMinutes', { hours, minutes: late % 60 })
    : t('supervisor.minutes', { minutes: late });
}

/** Open cases past their due time, the longest overdue first, a page at a time (as of now). */
export function OverdueList({ departmentCode }: { departmentCode: string | null }) {
  const { t, i18n } = useTranslation();
  const load = useCallback(
    async (after: string | null) => {
      const { overdueCases } = await request(OVERDUE_CASES, { departmentCode, first: PAGE, after });
      return {
        rows: overdueCases,
        next: overdueCases.length === PAGE ? (overdueCases.at(-1)?.id ?? null) : null,
      };
    },
    [departmentCode],
  );
  const { rows, error, more, showMore } = useCursorList(load);

  return (
    <section aria-labelledby="overdue-title" aria-busy={rows === null && !error}>
      <h2 id="overdue-title">{t('supervisor.overdueTitle')}</h2>
      <p className="hint">{t('supervisor.asOfNow')}</p>
      <DataList
        rows={rows}
        error={error}
        empty={t('supervisor.noOverdue')}
        testId="overdue-cases"
        rowKey={(c) => c.id}
        onMore={more ? showMore : undefined}
        columns={[
          {
            header: t('worklist.ticket'),
            cell: (c: OverdueCase) => (
              <Link href={`/work/${c.ticketNumber}`}>
                <TicketNumber value={c.ticketNumber} />
              </Link>
            ),
          },
          { header: t('worklist.service'), cell: (c) => c.service.name },
          { header: t('supervisor.department'), cell: (c) => c.department?.name ?? '—' },
          {
            header: t('worklist.due'),
            cell: (c) => (c.dueAt ? formatTime(c.dueAt, i18n.language) : '—'),
          },
          {
            header: t('supervisor.overdueBy'),
            cell: (c) => (
              <span className="sla sla-OVERDUE">
                {c.sla ? overdueBy(c.sla.remainingMinutes, t) : t('sla.OVERDUE')}
              </span>
            ),
          },
          {
            header: t('supervisor.assignee'),
            cell: (c) => c.assignee?.name ?? t('supervisor.unassigned'),
          },
        ]}
      />
    </section>
  );
}

/** Per person of each department shown: their open, at-risk and overdue cases (as of now). */
export function WorkloadList({ departments }: { departments: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const [loads, setLoads] = useState<Record<string, StaffWorkload[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const codes = departments.map((d) => d.code).join(',');

  useEffect(() => {
    setLoads(null);
    setError(null);
    const wanted = codes ? codes.split(',') : [];
    Promise.all(
      wanted.map((code) =>
        request(WORKLOAD, { departmentCode: code }).then(
          ({ workload }) => [code, workload] as const,
        ),
      ),
    )
      .then((found) => setLoads(Object.fromEntries(found)))
      .catch((e: unknown) => setError(errorText(e, t)));
  }, [codes, t]);

  return (
    <section aria-labelledby="workload-title" aria-busy={loads === null && !error}>
      <h2 id="workload-title">{t('supervisor.workloadTitle')}</h2>
      <p className="hint">{t('supervisor.asOfNow')}</p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {departments.length === 0 && <p>{t('supervisor.chooseDepartment')}</p>}
      {loads === null && !error && departments.length > 0 && <p>{t('app.loading')}</p>}
      {loads &&
        departments.map((d) => (
          <div key={d.code} className="table-scroll">
            <table data-testid={`workload-${d.code}`}>
              <caption>{d.name}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supervisor.person')}</th>
                  <th scope="col">{t('supervisor.open')}</th>
                  <th scope="col">{t('sla.AT_RISK')}</th>
                  <th scope="col">{t('supervisor.overdue')}</th>
                  <th scope="col">{t('supervisor.capacity')}</th>
                </tr>
              </thead>
              <tbody>
                {(loads[d.code] ?? []).length === 0 && (
                  <tr>
                    <td colSpan={5}>{t('supervisor.noStaff')}</td>
                  </tr>
                )}
                {(loads[d.code] ?? []).map((w) => (
                  <tr key={w.subject}>
                    <th scope="row">
                      {w.name}
                      {!w.active && ` (${t('supervisor.inactive')})`}
                    </th>
                    <td>{w.open}</td>
                    <td>{w.atRisk}</td>
                    <td>{w.overdue}</td>
                    <td>{w.capacity ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
