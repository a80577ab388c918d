import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client';
import {
  DELETE_ROUTING_RULE,
  PREVIEW_ROUTING,
  QUEUES,
  ROUTING_RULES,
  ROUTING_RULE_HISTORY,
  SAVE_ROUTING_RULE,
  type Channel,
  type Priority,
  type RoutingPreview,
  type RoutingRule,
  type RoutingRuleVersion,
  type SaveRoutingRuleInput,
} from '../api/operations';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { Ticks } from '../components/Ticks';
import { Link } from '../router';
import { currentSession } from '../session';
import { DASHBOARD_ROLES } from './SupervisorAccess';
import { formatTime } from './TrackPage';

const CHANNELS: Channel[] = ['WEB', 'MOBILE', 'OPEN311', 'PHONE', 'WALK_IN', 'LETTER', 'EMAIL'];
const PRIORITIES: Priority[] = ['EMERGENCY', 'HIGH', 'NORMAL', 'LOW'];

/** The rule form as typed: lists as comma-separated text, numbers as text. */
export interface RuleDraft {
  id: string | null;
  name: string;
  position: string;
  enabled: boolean;
  serviceCodes: string[];
  districtCodes: string[];
  channels: Channel[];
  keywords: string;
  emergency: '' | 'yes' | 'no';
  attributeCode: string;
  attributeEquals: string;
  departmentCode: string;
  queueCode: string;
  priority: '' | Priority;
  slaHours: string;
}

export function emptyDraft(departmentCode: string): RuleDraft {
  return {
    id: null,
    name: '',
    position: '',
    enabled: true,
    serviceCodes: [],
    districtCodes: [],
    channels: [],
    keywords: '',
    emergency: '',
    attributeCode: '',
    attributeEquals: '',
    departmentCode,
    queueCode: '',
    priority: '',
    slaHours: '',
  };
}

export function draftOf(rule: RoutingRule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    position: String(rule.position),
    enabled: rule.enabled,
    serviceCodes: rule.when.serviceCodes,
    districtCodes: rule.when.districtCodes,
    channels: rule.when.channels,
    keywords: rule.when.keywords.join(', '),
    emergency: rule.when.emergency === null ? '' : rule.when.emergency ? 'yes' : 'no',
    attributeCode: rule.when.attribute?.code ?? '',
    attributeEquals: rule.when.attribute?.equals ?? '',
    departmentCode: rule.then.departmentCode,
    queueCode: rule.then.queueCode ?? '',
    priority: rule.then.priority ?? '',
    slaHours: rule.then.slaHours === null ? '' : String(rule.then.slaHours),
  };
}

/**
 * The draft as SaveRoutingRuleInput. Numbers that are not numbers go as they are typed (NaN is
 * not JSON, so as a string): the API refuses them naming the field, as it does every other check.
 */
export function inputOf(d: RuleDraft): SaveRoutingRuleInput {
  const number = (text: string) => {
    const n = Number(text.trim());
    return (Number.isInteger(n) ? n : text.trim()) as number;
  };
  const keywords = d.keywords
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name,
    ...(d.position.trim() ? { position: number(d.position) } : {}),
    enabled: d.enabled,
    when: {
      ...(d.serviceCodes.length ? { serviceCodes: d.serviceCodes } : {}),
      ...(d.districtCodes.length ? { districtCodes: d.districtCodes } : {}),
      ...(d.channels.length ? { channels: d.channels } : {}),
      ...(keywords.length ? { keywords } : {}),
      ...(d.emergency ? { emergency: d.emergency === 'yes' } : {}),
      ...(d.attributeCode.trim() || d.attributeEquals.trim()
        ? { attribute: { code: d.attributeCode.trim(), equals: d.attributeEquals.trim() } }
        : {}),
    },
    then: {
      departmentCode: d.departmentCode,
      ...(d.queueCode ? { queueCode: d.queueCode } : {}),
      ...(d.priority ? { priority: d.priority } : {}),
      ...(d.slaHours.trim() ? { slaHours: number(d.slaHours) } : {}),
    },
  };
}

/** The input a field the API names belongs to (`then.slaHours`, or `rule.then.slaHours` in a preview). */
export function ruleInputId(field: string): string | undefined {
  const path = field.replace(/^input\./, '');
  const inRule = path.replace(/^rule\./, '');
  const ids: Record<string, string> = {
    name: 'rule-name',
    position: 'rule-position',
    when: 'rule-services',
    'when.serviceCodes': 'rule-services',
    'when.districtCodes': 'rule-districts',
    'when.channels': 'rule-channels',
    'when.keywords': 'rule-keywords',
    'when.emergency': 'rule-emergency',
    'when.attribute': 'rule-attribute-code',
    'when.attribute.code': 'rule-attribute-code',
    'when.attribute.equals': 'rule-attribute-equals',
    'then.departmentCode': 'rule-department',
    'then.queueCode': 'rule-queue',
    'then.priority': 'rule-priority',
    'then.slaHours': 'rule-sla',
  };
  const previewIds: Record<string, string> = {
    serviceCode: 'preview-service',
    description: 'preview-description',
    channel: 'preview-channel',
  };
  if (path.startsWith('rule.') || ids[inRule]) {
    return ids[inRule.replace(/\.\d+$/, '')];
  }
  return previewIds[path.split('.')[0]];
}

/** What the API refused, one item per field it named, in the page's words. */
function problemsOf(error: unknown, t: TFunction): SummaryItem[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) {
    return [{ text: errorText(error, t) }];
  }
  return error.fields.map((f) => {
    const inputId = ruleInputId(f.field);
    const label = inputId ? t(`routingRules.fields.${inputId}`) : f.field;
    return { inputId, text: t('errors.field', { field: label, reason: f.reason }) };
  });
}

function errorFor(problems: SummaryItem[], inputId: string): string | undefined {
  return problems.find((p) => p.inputId === inputId)?.text;
}

interface Catalog {
  services: { code: string; name: string }[];
  departments: { code: string; name: string }[];
  districts: { code: string; name: string }[];
}

/** "Pothole; keywords: sinkhole" — what a rule matches, in words. */
function whenText(rule: RoutingRule | RoutingRuleVersion, catalog: Catalog, t: TFunction): string {
  const w = rule.when;
  const nameOf = (list: { code: string; name: string }[], code: string) =>
    list.find((x) => x.code === code)?.name ?? code;
  const parts = [
    w.serviceCodes.length
      ? t('routingRules.whenServices', {
          list: w.serviceCodes.map((c) => nameOf(catalog.services, c)).join(', '),
        })
      : '',
    w.districtCodes.length
      ? t('routingRules.whenDistricts', {
          list: w.districtCodes.map((c) => nameOf(catalog.districts, c)).join(', '),
        })
      : '',
    w.channels.length
      ? t('routingRules.whenChannels', {
          list: w.channels.map((c) => t(`channels.${c}`)).join(', '),
        })
      : '',
    w.keywords.length ? t('routingRules.whenKeywords', { list: w.keywords.join(', ') }) : '',
    w.emergency === null
      ? ''
      : w.emergency
        ? t('routingRules.whenEmergency')
        : t('routingRules.whenNotEmergency'),
    w.attribute ? t('routingRules.whenAttribute', w.attribute) : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function thenText(rule: RoutingRule | RoutingRuleVersion, catalog: Catalog, t: TFunction): string {
  const th = rule.then;
  return [
    catalog.departments.find((d) => d.code === th.departmentCode)?.name ?? th.departmentCode,
    th.queueCode ?? '',
    th.priority ? t(`routingRules.priorities.${th.priority}`) : '',
    th.slaHours ? t('routingRules.hours', { count: th.slaHours }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * A supervisor's routing rules (issue 13): the rules sending cases to their departments (an
 * admin's: all) in evaluation order, a form to add or change one, deletion, each rule's history,
 * and a preview of how a case would be routed, with the rule as written or as saved.
 */
export function RoutingRulesPage() {
  const { t, i18n } = useTranslation();
  const session = currentSession();
  const allowed = session !== null && DASHBOARD_ROLES.includes(session.role);
  const [rules, setRules] = useState<RoutingRule[] | null>(null);
  const [catalog, setCatalog] = useState<Catalog>({ services: [], departments: [], districts: [] });
  const [loadProblems, setLoadProblems] = useState<SummaryItem[]>([]);
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft(session?.departments[0] ?? ''));
  const [queues, setQueues] = useState<{ code: string; name: string }[]>([]);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<RoutingRule | null>(null);
  const [history, setHistory] = useState<{ rule: RoutingRule; versions: RoutingRuleVersion[] }>();

  const role = session?.role;
  const mine = session?.departments.join(',') ?? '';
  const load = useCallback(() => {
    request(ROUTING_RULES, {}).then(
      (found) => {
        setRules(found.routingRules);
        setCatalog({
          services: found.services,
          districts: found.districts,
          // Supervisors send cases to their own departments only; admins anywhere.
          departments:
            role === 'admin'
              ? found.departments
              : found.departments.filter((d) => mine.split(',').includes(d.code)),
        });
      },
      (e: unknown) => setLoadProblems([{ text: errorText(e, t) }]),
    );
  }, [role, mine, t]);
  useEffect(() => {
    if (allowed) {
      load();
    }
  }, [allowed, load]);

  const department = draft.departmentCode;
  useEffect(() => {
    if (!allowed || !department) {
      setQueues([]);
      return;
    }
    request(QUEUES, { departmentCode: department }).then(
      ({ queues: found }) => setQueues(found),
      () => setQueues([]),
    );
  }, [allowed, department]);

  if (!allowed) {
    return (
      <section aria-labelledby="rules-title">
        <h1 id="rules-title">{t('routingRules.title')}</h1>
        <p>
          <Link href="/sign-in">{t('supervisor.needSignIn')}</Link>
        </p>
      </section>
    );
  }

  const set = (change: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...change }));
  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setDone(null);
    setProblems([]);
    try {
      setDone(await what());
    } catch (e) {
      setProblems(problemsOf(e, t));
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { saveRoutingRule: saved } = await request(SAVE_ROUTING_RULE, {
        input: inputOf(draft),
      });
      setDraft(draftOf(saved));
      load();
      return t('routingRules.saved', { name: saved.name, version: saved.version });
    });
  };
  const remove = (rule: RoutingRule) =>
    void act(async () => {
      await request(DELETE_ROUTING_RULE, { id: rule.id });
      setDeleting(null);
      if (draft.id === rule.id) {
        setDraft(emptyDraft(rule.then.departmentCode));
      }
      if (history?.rule.id === rule.id) {
        setHistory(undefined);
      }
      load();
      return t('routingRules.deleted', { name: rule.name });
    });
  const showHistory = (rule: RoutingRule) =>
    void act(async () => {
      const { routingRuleHistory } = await request(ROUTING_RULE_HISTORY, { id: rule.id });
      setHistory({ rule, versions: routingRuleHistory });
      return t('routingRules.historyShown', { name: rule.name });
    });

  const field = (
    id: string,
    label: string,
    control: (p: Parameters<Parameters<typeof Field>[0]['children']>[0]) => ReactNode,
    hint?: string,
  ) => (
    <Field id={id} label={label} hint={hint} error={errorFor(problems, id)}>
      {control}
    </Field>
  );

  return (
    <section aria-labelledby="rules-title" className="routing-rules">
      <h1 id="rules-title">{t('routingRules.title')}</h1>
      <p>{t('routingRules.intro')}</p>
      <ErrorSummary items={loadProblems} />
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}

      <section aria-labelledby="rule-list-title">
        <h2 id="rule-list-title">{t('routingRules.listTitle')}</h2>
        {rules === null && loadProblems.length === 0 && <p>{t('app.loading')}</p>}
        {rules?.length === 0 && <p>{t('routingRules.none')}</p>}
        {rules && rules.length > 0 && (
          <div className="table-scroll">
            <table data-testid="routing-rules">
              <thead>
                <tr>
                  <th scope="col">{t('routingRules.position')}</th>
                  <th scope="col">{t('routingRules.name')}</th>
                  <th scope="col">{t('routingRules.when')}</th>
                  <th scope="col">{t('routingRules.then')}</th>
                  <th scope="col">{t('routingRules.version')}</th>
                  <th scope="col">{t('routingRules.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td>{r.position}</td>
                    <th scope="row">
                      {r.name}
                      {!r.enabled && ` (${t('routingRules.disabled')})`}
                    </th>
                    <td>{whenText(r, catalog, t)}</td>
                    <td>{thenText(r, catalog, t)}</td>
                    <td>
                      {r.version}
                      <br />
                      <span className="hint">
                        {formatTime(r.updatedAt, i18n.language)}
                        {r.updatedBy ? ` · ${r.updatedBy}` : ''}
                      </span>
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('routingRules.editNamed', { name: r.name })}
                        onClick={() => {
                          setDraft(draftOf(r));
                          setProblems([]);
                          setDone(null);
                          document.getElementById('rule-name')?.focus();
                        }}
                      >
                        {t('routingRules.edit')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('routingRules.historyNamed', { name: r.name })}
                        onClick={() => showHistory(r)}
                      >
                        {t('routingRules.history')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('routingRules.deleteNamed', { name: r.name })}
                        onClick={() => setDeleting(r)}
                      >
                        {t('routingRules.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {deleting && (
          <div className="notice" role="group" aria-labelledby="delete-question">
            <p id="delete-question">{t('routingRules.deleteQuestion', { name: deleting.name })}</p>
            <p className="actions">
              <button type="button" disabled={busy} onClick={() => remove(deleting)}>
                {t('routingRules.deleteConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setDeleting(null)}>
                {t('routingRules.keep')}
              </button>
            </p>
          </div>
        )}
      </section>

      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('routingRules.historyTitle', { name: history.rule.name })}</h2>
          <div className="table-scroll">
            <table data-testid="rule-history">
              <thead>
                <tr>
                  <th scope="col">{t('routingRules.version')}</th>
                  <th scope="col">{t('routingRules.change')}</th>
                  <th scope="col">{t('routingRules.changedBy')}</th>
                  <th scope="col">{t('routingRules.name')}</th>
                  <th scope="col">{t('routingRules.when')}</th>
                  <th scope="col">{t('routingRules.then')}</th>
                </tr>
              </thead>
              <tbody>
                {history.versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{t(`routingRules.changes.${v.change}`)}</td>
                    <td>
                      {v.changedBy ?? '—'}, {formatTime(v.changedAt, i18n.language)}
                    </td>
                    <td>
                      {v.name}
                      {!v.enabled && ` (${t('routingRules.disabled')})`}
                    </td>
                    <td>{whenText(v, catalog, t)}</td>
                    <td>{thenText(v, catalog, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <form onSubmit={save} noValidate className="rule-form" aria-labelledby="rule-form-title">
        <h2 id="rule-form-title">
          {draft.id
            ? t('routingRules.editTitle', { name: draft.name })
            : t('routingRules.newTitle')}
        </h2>
        <ErrorSummary items={problems} />
        {field('rule-name', t('routingRules.fields.rule-name'), (p) => (
          <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        ))}
        <div className="choice">
          <input
            type="checkbox"
            id="rule-enabled"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          <label htmlFor="rule-enabled">{t('routingRules.enabled')}</label>
        </div>
        {field(
          'rule-position',
          t('routingRules.fields.rule-position'),
          (p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.position}
              onChange={(e) => set({ position: e.target.value })}
            />
          ),
          t('routingRules.positionHint'),
        )}
        <h3>{t('routingRules.whenTitle')}</h3>
        <p className="hint">{t('routingRules.whenHint')}</p>
        <Ticks
          id="rule-services"
          legend={t('routingRules.fields.rule-services')}
          options={catalog.services.map((s) => ({ value: s.code, label: s.name }))}
          chosen={draft.serviceCodes}
          onChange={(serviceCodes) => set({ serviceCodes })}
          error={errorFor(problems, 'rule-services')}
        />
        {field(
          'rule-keywords',
          t('routingRules.fields.rule-keywords'),
          (p) => (
            <input
              {...p}
              value={draft.keywords}
              onChange={(e) => set({ keywords: e.target.value })}
            />
          ),
          t('routingRules.keywordsHint'),
        )}
        <Ticks
          id="rule-districts"
          legend={t('routingRules.fields.rule-districts')}
          options={catalog.districts.map((d) => ({ value: d.code, label: d.name }))}
          chosen={draft.districtCodes}
          onChange={(districtCodes) => set({ districtCodes })}
          error={errorFor(problems, 'rule-districts')}
        />
        <Ticks
          id="rule-channels"
          legend={t('routingRules.fields.rule-channels')}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          chosen={draft.channels}
          onChange={(channels) => set({ channels })}
          error={errorFor(problems, 'rule-channels')}
        />
        {field('rule-emergency', t('routingRules.fields.rule-emergency'), (p) => (
          <select
            {...p}
            value={draft.emergency}
            onChange={(e) => set({ emergency: e.target.value as RuleDraft['emergency'] })}
          >
            <option value="">{t('routingRules.emergencyAny')}</option>
            <option value="yes">{t('routingRules.emergencyYes')}</option>
            <option value="no">{t('routingRules.emergencyNo')}</option>
          </select>
        ))}
        <div className="row">
          {field(
            'rule-attribute-code',
            t('routingRules.fields.rule-attribute-code'),
            (p) => (
              <input
                {...p}
                value={draft.attributeCode}
                onChange={(e) => set({ attributeCode: e.target.value })}
              />
            ),
            t('routingRules.attributeHint'),
          )}
          {field('rule-attribute-equals', t('routingRules.fields.rule-attribute-equals'), (p) => (
            <input
              {...p}
              value={draft.attributeEquals}
              onChange={(e) => set({ attributeEquals: e.target.value })}
            />
          ))}
        </div>
        <h3>{t('routingRules.thenTitle')}</h3>
        {field('rule-department', t('routingRules.fields.rule-department'), (p) => (
          <select
            {...p}
            value={draft.departmentCode}
            onChange={(e) => set({ departmentCode: e.target.value, queueCode: '' })}
          >
            <option value="">{t('casework.choose')}</option>
            {catalog.departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        ))}
        {field('rule-queue', t('routingRules.fields.rule-queue'), (p) => (
          <select
            {...p}
            value={draft.queueCode}
            onChange={(e) => set({ queueCode: e.target.value })}
          >
            <option value="">{t('routingRules.queueDefault')}</option>
            {queues.map((q) => (
              <option key={q.code} value={q.code}>
                {q.name}
              </option>
            ))}
          </select>
        ))}
        {field('rule-priority', t('routingRules.fields.rule-priority'), (p) => (
          <select
            {...p}
            value={draft.priority}
            onChange={(e) => set({ priority: e.target.value as RuleDraft['priority'] })}
          >
            <option value="">{t('routingRules.priorityDefault')}</option>
            {PRIORITIES.map((x) => (
              <option key={x} value={x}>
                {t(`routingRules.priorities.${x}`)}
              </option>
            ))}
          </select>
        ))}
        {field(
          'rule-sla',
          t('routingRules.fields.rule-sla'),
          (p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.slaHours}
              onChange={(e) => set({ slaHours: e.target.value })}
            />
          ),
          t('routingRules.slaHint'),
        )}
        <p className="actions">
          <button type="submit" disabled={busy}>
            {t('routingRules.save')}
          </button>
          {draft.id && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDraft(emptyDraft(draft.departmentCode));
                setProblems([]);
              }}
            >
              {t('routingRules.newInstead')}
            </button>
          )}
        </p>
      </form>

      <PreviewForm draft={draft} services={catalog.services} />
    </section>
  );
}

/** A case as it might arrive, and how routing would decide it: with the rule as written, or as saved. */
function PreviewForm({
  draft,
  services,
}: {
  draft: RuleDraft;
  services: { code: string; name: string }[];
}) {
  const { t, i18n } = useTranslation();
  const [serviceCode, setServiceCode] = useState('');
  const [description, setDescription] = useState('');
  const [channel, setChannel] = useState<Channel>('WEB');
  const [withDraft, setWithDraft] = useState(false);
  const [result, setResult] = useState<RoutingPreview | null>(null);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);

  const preview = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems([]);
    setResult(null);
    request(PREVIEW_ROUTING, {
      input: {
        serviceCode,
        ...(description.trim() ? { description } : {}),
        channel,
        ...(withDraft ? { rule: inputOf(draft) } : {}),
      },
    })
      .then(({ previewRouting }) => setResult(previewRouting))
      .catch((e: unknown) => setProblems(problemsOf(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={preview} noValidate className="rule-form" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('routingRules.previewTitle')}</h2>
      <p className="hint">{t('routingRules.previewIntro')}</p>
      <ErrorSummary items={problems} />
      <Field
        id="preview-service"
        label={t('routingRules.fields.preview-service')}
        error={errorFor(problems, 'preview-service')}
      >
        {(p) => (
          <select {...p} value={serviceCode} onChange={(e) => setServiceCode(e.target.value)}>
            <option value="">{t('casework.choose')}</option>
            {services.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="preview-description"
        label={t('routingRules.fields.preview-description')}
        error={errorFor(problems, 'preview-description')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="preview-channel"
        label={t('routingRules.fields.preview-channel')}
        error={errorFor(problems, 'preview-channel')}
      >
        {(p) => (
          <select {...p} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="choice">
        <input
          type="checkbox"
          id="preview-with-draft"
          checked={withDraft}
          onChange={(e) => setWithDraft(e.target.checked)}
        />
        <label htmlFor="preview-with-draft">{t('routingRules.withDraft')}</label>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('app.loading') : t('routingRules.preview')}
      </button>
      <div aria-live="polite">
        {result && (
          <dl className="figures" data-testid="routing-preview">
            <div>
              <dt>{t('routingRules.fields.rule-department')}</dt>
              <dd data-testid="preview-department">{result.departmentCode}</dd>
            </div>
            <div>
              <dt>{t('routingRules.fields.rule-queue')}</dt>
              <dd data-testid="preview-queue">{result.queueCode}</dd>
            </div>
            <div>
              <dt>{t('routingRules.fields.rule-priority')}</dt>
              <dd data-testid="preview-priority">
                {t(`routingRules.priorities.${result.priority}`)}
              </dd>
            </div>
            <div>
              <dt>{t('routingRules.due')}</dt>
              <dd data-testid="preview-due">
                {formatTime(result.dueAt, i18n.language)} (
                {t('routingRules.hours', { count: result.slaHours })})
              </dd>
            </div>
            <div>
              <dt>{t('routingRules.matched')}</dt>
              <dd data-testid="preview-rule">
                {result.ruleName === null
                  ? t('routingRules.matchedNone')
                  : result.ruleId === null
                    ? t('routingRules.matchedUnsaved', { name: result.ruleName })
                    : result.ruleName}
              </dd>
            </div>
          </dl>
        )}
      </div>
    </form>
  );
}
