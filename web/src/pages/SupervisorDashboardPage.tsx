import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request, type ResultOf } from '../api/client';
import {
  DASHBOARD_FIGURES,
  DEPARTMENTS,
  type DashboardFilter,
  type DayFigures,
} from '../api/operations';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { Link } from '../router';
import { currentSession } from '../session';
import {
  BacklogChart,
  DemandHeatMap,
  HotSpotMap,
  ReceivedClosedChart,
  SatisfactionChart,
  SlaChart,
} from './SupervisorCharts';
import { DASHBOARD_ROLES } from './SupervisorAccess';
import { OverdueList, WorkloadList } from './SupervisorLists';

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/**
 * One row per day from `from` to `to`: analytics answers only the days with cases, and a chart
 * over time must show the quiet days as zero, not skip them.
 */
export function everyDay(from: string, to: string, rows: DayFigures[]): DayFigures[] {
  const byDay = new Map(rows.map((r) => [r.key.period, r]));
  const days: DayFigures[] = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= last; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push(
      byDay.get(day) ?? {
        key: { period: day },
        received: 0,
        closed: 0,
        slaMet: 0,
        slaMissed: 0,
        slaMetPercent: null,
        overdueNow: 0,
        satisfactionAverage: null,
        satisfactionResponses: 0,
      },
    );
  }
  return days;
}

/**
 * The department a link names (`?departmentCode=`): the overdue e-mail links to
 * `OVERDUE_CASES_URL?departmentCode=…` (docs/adr/0067), so the page opens on that department.
 */
export function linkedDepartment(search: string): string {
  return new URLSearchParams(search).get('departmentCode')?.trim() ?? '';
}

interface Filters {
  department: string;
  from: string;
  to: string;
}

type FilterField = keyof Filters;

/** The filter's own checks, before asking: each names its field. */
function checkFilters(
  f: Filters,
  t: (key: string) => string,
): Partial<Record<FilterField, string>> {
  const problems: Partial<Record<FilterField, string>> = {};
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(f.from)) {
    problems.from = t('supervisor.badDay');
  }
  if (!day.test(f.to)) {
    problems.to = t('supervisor.badDay');
  }
  if (!problems.from && !problems.to && f.from > f.to) {
    problems.to = t('supervisor.toBeforeFrom');
  }
  return problems;
}

/** The API names filter fields `filter.from`, `departmentCodes`...: which input that is. */
function inputOf(field: string): FilterField | null {
  const last = field.split('.').at(-1) ?? '';
  if (last === 'from' || last === 'to') {
    return last;
  }
  return last.startsWith('department') ? 'department' : null;
}

/**
 * A supervisor's dashboard (issue 13): figures from analytics for their departments and a date
 * range (received against closed, backlog, service level met, satisfaction, demand by hour, hot
 * spots), and, as of now, the overdue cases and the team's workload.
 */
export function SupervisorDashboardPage() {
  const { t, i18n } = useTranslation();
  const session = currentSession();
  const today = new Date();
  const [form, setForm] = useState<Filters>({
    department: linkedDepartment(window.location.search),
    from: isoDay(new Date(today.getTime() - 29 * DAY_MS)),
    to: isoDay(today),
  });
  const [applied, setApplied] = useState<Filters>(form);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FilterField, string>>>({});
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [departments, setDepartments] = useState<{ code: string; name: string }[]>([]);
  const [figures, setFigures] = useState<ResultOf<typeof DASHBOARD_FIGURES> | null>(null);
  const [loading, setLoading] = useState(false);
  const allowed = session !== null && DASHBOARD_ROLES.includes(session.role);

  const role = session?.role;
  const mine = session?.departments.join(',') ?? '';
  useEffect(() => {
    if (!allowed) {
      return;
    }
    request(DEPARTMENTS, {}).then(
      ({ departments: all }) =>
        // A supervisor chooses among their own departments; an admin among all.
        setDepartments(
          role === 'admin' ? all : all.filter((d) => mine.split(',').includes(d.code)),
        ),
      (e: unknown) => setProblems([{ text: errorText(e, t) }]),
    );
  }, [allowed, role, mine, t]);

  const load = useCallback(
    (f: Filters) => {
      const filter: DashboardFilter = {
        from: f.from,
        to: f.to,
        ...(f.department ? { departmentCodes: [f.department] } : {}),
      };
      setLoading(true);
      request(DASHBOARD_FIGURES, { filter })
        .then((found) => {
          setFigures({ ...found, days: everyDay(f.from, f.to, found.days) });
          setProblems([]);
        })
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.fields.length) {
            const named: Partial<Record<FilterField, string>> = {};
            for (const p of e.fields) {
              const input = inputOf(p.field);
              if (input) {
                named[input] = p.reason;
              }
            }
            setFieldErrors(named);
            setProblems(
              e.fields.map((p) => {
                const input = inputOf(p.field);
                return {
                  inputId: input ? `filter-${input}` : undefined,
                  text: `${input ? t(`supervisor.${input}`) : p.field}: ${p.reason}`,
                };
              }),
            );
          } else {
            setProblems([{ text: errorText(e, t) }]);
          }
        })
        .finally(() => setLoading(false));
    },
    [t],
  );
  useEffect(() => {
    if (allowed) {
      load(applied);
    }
  }, [allowed, applied, load]);

  if (!allowed) {
    return (
      <section aria-labelledby="dashboard-title">
        <h1 id="dashboard-title">{t('supervisor.title')}</h1>
        <p>
          <Link
            href={`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
          >
            {t('supervisor.needSignIn')}
          </Link>
        </p>
      </section>
    );
  }

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found = checkFilters(form, t);
    setFieldErrors(found);
    const entries = Object.entries(found) as [FilterField, string][];
    setProblems(
      entries.map(([field, reason]) => ({
        inputId: `filter-${field}`,
        text: `${t(`supervisor.${field}`)}: ${reason}`,
      })),
    );
    if (entries.length === 0) {
      setApplied({ ...form });
      // The address names the department shown, so a reload or a shared link opens on it.
      window.history.replaceState(
        null,
        '',
        form.department
          ? `?departmentCode=${encodeURIComponent(form.department)}`
          : window.location.pathname,
      );
      // The same filter again still asks again: the figures may have moved since.
      if (JSON.stringify(form) === JSON.stringify(applied)) {
        load(form);
      }
    }
  };

  const total = figures?.totals[0];
  const backlogNow = figures?.backlog.at(-1);
  const lang = i18n.language;
  const shownDepartments = applied.department
    ? departments.filter((d) => d.code === applied.department)
    : session.role === 'admin'
      ? []
      : departments;
  const percent = (n: number | null = null) =>
    n === null ? '—' : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n)} %`;
  const average = (n: number | null = null) =>
    n === null ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">{t('supervisor.title')}</h1>
      <p>{t('supervisor.intro')}</p>
      <form onSubmit={apply} noValidate className="inline-form filters">
        <ErrorSummary items={problems} />
        <Field
          id="filter-department"
          label={t('supervisor.department')}
          error={fieldErrors.department}
        >
          {(props) => (
            <select
              {...props}
              value={form.department}
              onChange={(e) => setForm({ ...form, department: e.target.value })}
            >
              <option value="">
                {session.role === 'admin'
                  ? t('supervisor.allDepartments')
                  : t('supervisor.myDepartments')}
              </option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="filter-from" label={t('supervisor.from')} error={fieldErrors.from}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
            />
          )}
        </Field>
        <Field id="filter-to" label={t('supervisor.to')} error={fieldErrors.to}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={form.to}
              onChange={(e) => setForm({ ...form, to: e.target.value })}
            />
          )}
        </Field>
        <button type="submit" disabled={loading}>
          {loading ? t('app.loading') : t('supervisor.apply')}
        </button>
      </form>

      <section aria-labelledby="figures-title" aria-busy={loading}>
        <h2 id="figures-title">
          {t('supervisor.figuresTitle', {
            from: applied.from,
            to: applied.to,
          })}
        </h2>
        {!figures && loading && <p>{t('app.loading')}</p>}
        {figures && (
          <>
            <dl className="figures">
              <div>
                <dt>{t('supervisor.received')}</dt>
                <dd data-testid="figure-received">{total?.received ?? 0}</dd>
              </div>
              <div>
                <dt>{t('supervisor.closed')}</dt>
                <dd data-testid="figure-closed">{total?.closed ?? 0}</dd>
              </div>
              <div>
                <dt>{t('supervisor.backlogNow')}</dt>
                <dd data-testid="figure-open">{backlogNow?.open ?? 0}</dd>
              </div>
              <div>
                <dt>{t('supervisor.overdueNow')}</dt>
                <dd data-testid="figure-overdue">{backlogNow?.overdue ?? 0}</dd>
              </div>
              <div>
                <dt>{t('supervisor.slaMet')}</dt>
                <dd data-testid="figure-sla">{percent(total?.slaMetPercent)}</dd>
              </div>
              <div>
                <dt>{t('supervisor.satisfaction')}</dt>
                <dd data-testid="figure-satisfaction">
                  {average(total?.satisfactionAverage)}
                  {total?.satisfactionResponses
                    ? ` (${t('supervisor.responsesCount', { count: total.satisfactionResponses })})`
                    : ''}
                </dd>
              </div>
            </dl>
            <div className="charts">
              <ReceivedClosedChart days={figures.days} />
              <BacklogChart backlog={figures.backlog} />
              <SlaChart days={figures.days} total={total} />
              <SatisfactionChart days={figures.days} total={total} />
            </div>
            <DemandHeatMap cells={figures.demandByHour} />
            <HotSpotMap spots={figures.hotSpots} districts={figures.districts} />
          </>
        )}
      </section>

      <OverdueList departmentCode={applied.department || null} />
      <WorkloadList departments={shownDepartments} />
    </section>
  );
}
