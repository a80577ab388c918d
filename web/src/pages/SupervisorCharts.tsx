import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BacklogDay, DayFigures, DemandCell, HotSpot } from '../api/operations';
import { PlainMap } from '../components/PlainMap';

/*
 * The dashboard's charts (docs/adr/0082). Recharts draws each as SVG for sighted users; the SVG is
 * hidden from assistive technology and left out of the tab order, because each chart comes with
 * its text equivalent: a one-line summary in its caption and its figures as a table (a disclosure
 * any keyboard or screen reader user can open). The heat map is a table itself.
 */

const BLUE = '#0b5394';
const ORANGE = '#b35900';
const RED = '#b00020';
const GREEN = '#1e6b34';

/** A day (YYYY-MM-DD) in the page's language, e.g. "7 Dec". */
export function shortDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** Day of the week (0 = Sunday) in the page's language. */
export function weekday(dayOfWeek: number, language: string): string {
  // 2023-01-01 was a Sunday.
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + dayOfWeek)),
  );
}

function formatNumber(value: number | null, language: string, digits = 0): string {
  return value === null
    ? '—'
    : new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A chart with its title, its summary in words, and its figures as a table. */
function ChartFigure<Row extends { day: string }>({
  id,
  title,
  summary,
  chart,
  rows,
  columns,
  empty = false,
}: {
  id: string;
  title: string;
  summary: string;
  chart: ReactNode;
  /** The figures drawn, a row a day, and the columns the table shows of each after the day. */
  rows: Row[];
  columns: { label: string; value: (row: Row) => ReactNode }[];
  /** Nothing to draw: the summary says so, and no blank axes are shown. */
  empty?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {!empty && (
        <div className="chart-canvas" aria-hidden="true">
          {chart}
        </div>
      )}
      <figcaption>{summary}</figcaption>
      <details>
        <summary>{t('supervisor.showTable')}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.day')}</th>
                {columns.map((c) => (
                  <th key={c.label} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{row.day}</th>
                  {columns.map((c) => (
                    <td key={c.label}>{c.value(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

const chartProps = {
  responsive: true,
  width: '100%',
  height: 240,
  accessibilityLayer: false,
  tabIndex: -1,
  margin: { top: 8, right: 16, bottom: 8, left: 0 },
} as const;

export function ReceivedClosedChart({ days }: { days: DayFigures[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = days.map((d) => ({
    day: shortDay(d.key.period ?? '', lang),
    received: d.received,
    closed: d.closed,
  }));
  const received = days.reduce((s, d) => s + d.received, 0);
  const closed = days.reduce((s, d) => s + d.closed, 0);
  return (
    <ChartFigure
      id="chart-received-closed"
      title={t('supervisor.receivedClosed')}
      summary={t('supervisor.receivedClosedSummary', {
        received,
        closed,
        from: data[0]?.day ?? '',
        to: data.at(-1)?.day ?? '',
      })}
      chart={
        <LineChart data={data} {...chartProps}>
          <CartesianGrid stroke="#d5d9de" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="received"
            name={t('supervisor.received')}
            stroke={BLUE}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="closed"
            name={t('supervisor.closed')}
            stroke={ORANGE}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      }
      rows={data}
      columns={[
        { label: t('supervisor.received'), value: (d) => d.received },
        { label: t('supervisor.closed'), value: (d) => d.closed },
      ]}
    />
  );
}

export function BacklogChart({ backlog }: { backlog: BacklogDay[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = backlog.map((b) => ({
    day: shortDay(b.endsOn, lang),
    open: b.open,
    overdue: b.overdue,
  }));
  const last = backlog.at(-1);
  return (
    <ChartFigure
      id="chart-backlog"
      title={t('supervisor.backlog')}
      summary={t('supervisor.backlogSummary', {
        open: last?.open ?? 0,
        overdue: last?.overdue ?? 0,
      })}
      chart={
        <AreaChart data={data} {...chartProps}>
          <CartesianGrid stroke="#d5d9de" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Area
            type="stepAfter"
            dataKey="open"
            name={t('supervisor.open')}
            stroke={BLUE}
            fill="#c9dcf0"
            isAnimationActive={false}
          />
          <Area
            type="stepAfter"
            dataKey="overdue"
            name={t('supervisor.overdue')}
            stroke={RED}
            fill="#f4c7cd"
            isAnimationActive={false}
          />
        </AreaChart>
      }
      rows={data}
      columns={[
        { label: t('supervisor.open'), value: (d) => d.open },
        { label: t('supervisor.overdue'), value: (d) => d.overdue },
      ]}
    />
  );
}

export function SlaChart({ days, total }: { days: DayFigures[]; total: DayFigures | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = days.map((d) => ({
    day: shortDay(d.key.period ?? '', lang),
    percent: d.slaMetPercent,
    met: d.slaMet,
    missed: d.slaMissed,
  }));
  return (
    <ChartFigure
      id="chart-sla"
      empty={data.every((d) => d.percent === null)}
      title={t('supervisor.slaMet')}
      summary={
        !total || total.slaMetPercent === null
          ? t('supervisor.slaNone')
          : t('supervisor.slaSummary', {
              percent: formatNumber(total.slaMetPercent, lang, 1),
              met: total.slaMet,
              missed: total.slaMissed,
            })
      }
      chart={
        <LineChart data={data} {...chartProps}>
          <CartesianGrid stroke="#d5d9de" />
          <XAxis dataKey="day" />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="percent"
            name={t('supervisor.slaMet')}
            stroke={GREEN}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      }
      rows={data}
      columns={[
        {
          label: t('supervisor.slaMet'),
          value: (d) => (d.percent === null ? '—' : `${formatNumber(d.percent, lang, 1)} %`),
        },
        { label: t('supervisor.met'), value: (d) => d.met },
        { label: t('supervisor.missed'), value: (d) => d.missed },
      ]}
    />
  );
}

export function SatisfactionChart({
  days,
  total,
}: {
  days: DayFigures[];
  total: DayFigures | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = days.map((d) => ({
    day: shortDay(d.key.period ?? '', lang),
    average: d.satisfactionAverage,
    responses: d.satisfactionResponses,
  }));
  return (
    <ChartFigure
      id="chart-satisfaction"
      empty={data.every((d) => d.average === null)}
      title={t('supervisor.satisfaction')}
      summary={
        !total || total.satisfactionAverage === null
          ? t('supervisor.satisfactionNone')
          : t('supervisor.satisfactionSummary', {
              average: formatNumber(total.satisfactionAverage, lang, 1),
              responses: total.satisfactionResponses,
            })
      }
      chart={
        <BarChart data={data} {...chartProps}>
          <CartesianGrid stroke="#d5d9de" />
          <XAxis dataKey="day" />
          <YAxis domain={[0, 5]} allowDecimals={false} />
          <Tooltip />
          <Bar
            dataKey="average"
            name={t('supervisor.averageScore')}
            fill={BLUE}
            isAnimationActive={false}
          />
        </BarChart>
      }
      rows={data}
      columns={[
        { label: t('supervisor.averageScore'), value: (d) => formatNumber(d.average, lang, 1) },
        { label: t('supervisor.responses'), value: (d) => d.responses },
      ]}
    />
  );
}

/**
 * Demand by day of the week and hour: a table whose cells are shaded by how many cases came in,
 * so the heat map and its text equivalent are one and the same.
 */
export function DemandHeatMap({ cells }: { cells: DemandCell[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const max = Math.max(0, ...cells.map((c) => c.received));
  const busiest = cells.reduce<DemandCell | null>(
    (best, c) => (c.received > (best?.received ?? 0) ? c : best),
    null,
  );
  const level = (n: number) => (max === 0 || n === 0 ? 0 : Math.ceil((n / max) * 4));
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <section aria-labelledby="heat-title" className="chart" data-testid="chart-demand">
      <h3 id="heat-title">{t('supervisor.demand')}</h3>
      <p>
        {busiest
          ? t('supervisor.demandSummary', {
              day: weekday(busiest.dayOfWeek, lang),
              hour: busiest.hour,
              count: busiest.received,
            })
          : t('supervisor.demandNone')}
      </p>
      <div className="table-scroll">
        <table className="heat-map">
          <caption className="visually-hidden">{t('supervisor.demandCaption')}</caption>
          <thead>
            <tr>
              <td />
              {hours.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[0, 1, 2, 3, 4, 5, 6].map((d) => (
              <tr key={d}>
                <th scope="row">{weekday(d, lang)}</th>
                {hours.map((h) => {
                  const n = cells.find((c) => c.dayOfWeek === d && c.hour === h)?.received ?? 0;
                  return (
                    <td key={h} className={`heat-${level(n)}`}>
                      {n}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function HotSpotMap({
  spots,
  districts,
}: {
  spots: HotSpot[];
  districts: { code: string; name: string; geometry: string }[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const described = spots.map((s) => ({
    lat: s.latitude,
    lon: s.longitude,
    weight: s.received,
    label: t('supervisor.hotSpot', {
      lat: formatNumber(s.latitude, lang, 4),
      lon: formatNumber(s.longitude, lang, 4),
      count: s.received,
      services: s.topServices.join(', '),
    }),
  }));
  return (
    <section aria-labelledby="hot-title" className="chart" data-testid="chart-hot-spots">
      <h3 id="hot-title">{t('supervisor.hotSpots')}</h3>
      <PlainMap
        districts={districts}
        spots={described}
        label={t('supervisor.hotSpotsMap')}
        caption={
          spots.length ? t('supervisor.hotSpotsSummary', { n: spots.length }) : t('supervisor.none')
        }
      />
      {described.length > 0 && (
        <ol className="hot-spots">
          {described.map((s, i) => (
            <li key={i}>{s.label}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
